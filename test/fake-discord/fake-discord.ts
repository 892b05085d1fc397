/**
 * A small Discord stand-in on 127.0.0.1 for end-to-end tests: one HTTP server that serves the REST
 * API under /api/v10 and the gateway WebSocket on the same port. Point the real discord.js client at
 * it with `new Client({ intents, rest: { api: fake.apiBase } })`; see README.md for what is faked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guildCreatePayload, userPayload } from './payloads.js';
import { FakeState, type FakeConfig } from './state.js';
import { FakeGateway } from './gateway.js';
import { RestServer } from './rest-server.js';
import { interactionRoutes } from './interaction-routes.js';
import { appRoutes } from './app-routes.js';
import { channelRoutes } from './channel-routes.js';
import { DEFAULT_TIMEOUT_MS, recentRequests } from './interaction-handle.js';
import { DEFAULT_USER, InteractionSender } from './interaction-sender.js';
import { fixedSnowflake } from './snowflake.js';
import type {
  AutocompleteInput, ChannelState, CommandInput, ComponentInput, DropHow, FakeUser, HeldResponse, InteractionHandle,
  Payload, RecordedRequest, StartOptions, UserMessageInput,
} from './types.js';

export type * from './types.js';
export { DEFAULT_TIMEOUT_MS } from './interaction-handle.js';
export { DEFAULT_USER } from './interaction-sender.js';

// Fixed default ids, so log lines and failures read the same on every run.
const DEFAULT_APPLICATION_ID = fixedSnowflake('2024-01-01T00:00:00Z', 1);
const DEFAULT_GUILD_ID = fixedSnowflake('2024-01-02T00:00:00Z', 1);
const DEFAULT_CHANNEL_IDS = [fixedSnowflake('2024-01-03T00:00:00Z', 1), fixedSnowflake('2024-01-03T00:00:00Z', 2)];
const OWNER_ID = fixedSnowflake('2023-01-01T00:00:00Z', 1);

export class FakeDiscord {
  readonly apiBase: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelIds: string[];
  private readonly sender: InteractionSender;

  private constructor(
    private readonly server: Server,
    private readonly state: FakeState,
    private readonly gateway: FakeGateway,
    private readonly rest: RestServer,
    port: number,
  ) {
    this.apiBase = `http://127.0.0.1:${port}/api`;
    this.applicationId = state.config.applicationId;
    this.guildId = state.config.guildId;
    this.channelIds = [...state.config.channelIds];
    this.sender = new InteractionSender(state, gateway);
  }

  static async start(options: StartOptions = {}): Promise<FakeDiscord> {
    const applicationId = options.applicationId ?? DEFAULT_APPLICATION_ID;
    // A bot user's id equals its application's id on Discord.
    const botUser: FakeUser = { id: options.botUserId ?? applicationId, username: 'fake-bot' };
    const config: FakeConfig = {
      applicationId, botUser, guildId: options.guildId ?? DEFAULT_GUILD_ID, ownerId: OWNER_ID,
      channelIds: options.channelIds ?? DEFAULT_CHANNEL_IDS, joinedAt: new Date(0).toISOString(), roles: options.roles ?? [],
    };
    const state = new FakeState(config);
    let port = 0;
    const gatewayUrl = (): string => `ws://127.0.0.1:${port}`;
    const gateway = new FakeGateway(gatewayUrl, {
      ready: () => ({
        v: 10, user: userPayload(botUser, true), guilds: [{ id: config.guildId, unavailable: true }],
        application: { id: applicationId, flags: 0 }, private_channels: [], relationships: [], shard: [0, 1],
      }),
      guildCreates: () => [guildCreatePayload({
        id: config.guildId, ownerId: OWNER_ID, botUser, joinedAt: config.joinedAt, roles: config.roles,
        channelIds: config.channelIds.filter((id) => state.channelStates.get(id) !== 'deleted'),
      })],
    });
    const rest = new RestServer(state, [...interactionRoutes(state), ...appRoutes(state, gatewayUrl), ...channelRoutes(state)]);
    const server = createServer((req, res) => {
      rest.handle(req, res).catch(() => res.destroy());
    });
    server.on('upgrade', (req, socket, head: Buffer) => gateway.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    port = (server.address() as AddressInfo).port;
    // A test that forgets close() must still be able to exit.
    server.unref();
    return new FakeDiscord(server, state, gateway, rest, port);
  }

  /** Every REST request, in order (including failed and injected ones; see `status`). */
  get requests(): RecordedRequest[] {
    return this.state.requests.items;
  }

  get identifyCount(): number {
    return this.gateway.identifyCount;
  }

  get resumeCount(): number {
    return this.gateway.resumeCount;
  }

  /** The first request (already recorded or still to come) matching `pred`. */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RecordedRequest> {
    return this.state.requests.waitForNth(pred, 0, timeoutMs, () => `no request matched; ${recentRequests(this.state)}`);
  }

  /** Resolves while a client is connected and has been sent READY + GUILD_CREATE (or RESUMED). */
  waitForReady(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return this.gateway.liveCondition.wait(timeoutMs, 'a client to IDENTIFY or RESUME');
  }

  /** Dispatches a chat-input command once a client is live; the handle follows the bot's answer. */
  sendCommand(input: CommandInput): Promise<InteractionHandle> {
    return this.sender.command(input);
  }

  /** Dispatches an autocomplete; one option (possibly nested) must have `focused: true`. */
  sendAutocomplete(input: AutocompleteInput): Promise<InteractionHandle> {
    return this.sender.autocomplete(input);
  }

  /** Dispatches a button click or select; the interaction carries the message the component is on. */
  sendComponent(input: ComponentInput): Promise<InteractionHandle> {
    return this.sender.component(input);
  }

  /**
   * Closes every gateway socket: default code 4000 (discord.js RESUMEs), `{code: 1000}` (it IDENTIFYs
   * afresh), `{code: 1006}` (TCP cut), or `'reconnect-op'` (op 7; the client closes and RESUMEs).
   * Synchronous from the fake's side: `waitForReady()` called next waits for the reconnection.
   */
  dropGateway(how?: DropHow): void {
    this.gateway.drop(how);
  }

  /**
   * The next `times` requests matching `pred` (method, path after /api/v10) get `status` instead of
   * being routed. 429 defaults to `retry_after: 0.05` s (body and Retry-After header, scope user);
   * discord.js retries 429 after that wait and 5xx up to 3 times at once.
   */
  failNext(pred: (method: string, path: string) => boolean, status: number, times = 1, body?: unknown): void {
    this.rest.failNext(pred, status, times, body);
  }

  /** Messages created by POST /channels/{id}/messages, in order, as they stand now (edits applied, deletions gone). */
  channelMessages(channelId: string): unknown[] {
    return (this.state.channelPosts.get(channelId) ?? []).flatMap((id) => {
      const message = this.state.messages.get(id);
      return message ? [structuredClone(message)] : [];
    });
  }

  /**
   * The messages the bot sent to `userId` in their DM channel, in order, as they stand now (edits applied,
   * deletions gone); empty while no DM channel was opened. Refused posts (closed DMs) are not among them.
   */
  dmsTo(userId: string): Payload[] {
    const channelId = this.state.dmChannels.get(userId);
    return channelId === undefined ? [] : (this.channelMessages(channelId) as Payload[]);
  }

  /**
   * Closes (default) or reopens `userId`'s DMs to the bot: while closed, posting in their DM channel gets
   * 403 with code 50007 "Cannot send messages to this user", as when a user blocks DMs from server members.
   * Opening the DM channel still works, as on Discord.
   */
  setDmsClosed(userId: string, closed = true): void {
    if (closed) this.state.closedDms.add(userId);
    else this.state.closedDms.delete(userId);
  }

  /**
   * A message someone else typed in the channel (no gateway event is sent): it shows in the channel's
   * history but not in `channelMessages`, which holds the bot's posts.
   */
  postAsUser(channelId: string, input: UserMessageInput): Payload {
    return structuredClone(this.state.createUserMessage(channelId, input.author ?? DEFAULT_USER, input.content, input.nonce));
  }

  /**
   * Ends Discord's nonce window for every message sent so far: the API stops returning their `nonce`,
   * and an `enforce_nonce` post repeating one creates a new message. Later posts start a fresh window.
   */
  expireNonces(): void {
    this.state.freshNonces.clear();
  }

  /**
   * The next request matching `pred` is handled and recorded as usual, but its answer is held until
   * `release()`: "the post landed, the bot has not heard yet". A client whose `rest.timeout` passes
   * meanwhile gives up on it (discord.js then retries the request).
   */
  holdNext(pred: (method: string, path: string) => boolean): HeldResponse {
    return this.rest.holdNext(pred);
  }

  /**
   * REST-only: later requests to the channel get 404/10003 (`deleted`) or 403/50001 (`forbidden`), or an
   * empty history (`no-history`); the client's cache is not told (no CHANNEL_DELETE is sent).
   */
  setChannelState(channelId: string, state: ChannelState): void {
    this.state.channelStates.set(channelId, state);
  }

  async close(): Promise<void> {
    this.rest.releaseAll();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
