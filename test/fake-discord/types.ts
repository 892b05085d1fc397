/**
 * The public shapes of the fake Discord (re-exported by `fake-discord.ts`, which is what tests import).
 */

/**
 * A Discord JSON payload as tests read it. Tests poke at arbitrary nested fields of replies
 * (`data.embeds[0].title`), which no single static type describes, so this one alias is `any` on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: payloads are read field by field in tests
export type Payload = any;

/** One REST request the fake received, recorded whether it succeeded, failed or was injected to fail. */
export interface RecordedRequest {
  method: string;
  /** The path after `/api/v10`, without the query, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, or the parsed `payload_json` of a multipart body; undefined when there was none. */
  body: unknown;
  /** `Date.now()` when the request was recorded. */
  at: number;
  /** The status the fake answered with (added to the agreed API: lets tests tell a retried 429 from the success). */
  status: number;
  /** Files of a multipart body (added to the agreed API). */
  files: RecordedFile[];
}

/** A file part of a multipart request. */
export interface RecordedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
}

export interface FakeUser {
  id: string;
  username: string;
}

/** A role of the fake guild besides @everyone. */
export interface FakeRole {
  id: string;
  name: string;
}

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

export interface StartOptions {
  applicationId?: string;
  botUserId?: string;
  guildId?: string;
  channelIds?: string[];
  /** Roles the guild has besides @everyone (members get them through `CommandInput.roles`). */
  roles?: FakeRole[];
}

export interface CommandInput {
  name: string;
  options?: CommandOption[];
  user?: FakeUser;
  /** Member permission bitfield as a decimal string; default: every permission. */
  permissions?: string;
  /** The member's role ids; default none. */
  roles?: string[];
  /** Sent from the user's DM with the bot instead of a guild channel (no member, so no roles). */
  dm?: boolean;
  channelId?: string;
  guildId?: string;
}

export interface AutocompleteInput {
  name: string;
  options: CommandOption[];
  user?: FakeUser;
  permissions?: string;
}

export interface ComponentInput {
  customId: string;
  componentType: 2 | 3;
  values?: string[];
  /** The message the component is on; default: the latest bot message holding a component with this custom id. */
  messageId?: string;
  user?: FakeUser;
  permissions?: string;
}

/**
 * `deleted` → 404/10003 and `forbidden` → 403/50001 on every channel route; `no-history` (the bot lacks
 * Read Message History) → posts work, the history list is empty and a single-message GET is 403/50013.
 */
export type ChannelState = 'ok' | 'deleted' | 'forbidden' | 'no-history';

/** A message someone other than the bot typed, for `FakeDiscord.postAsUser`. */
export interface UserMessageInput {
  content: string;
  /** Default: {@link DEFAULT_USER} (exported by fake-discord.ts). */
  author?: FakeUser;
  nonce?: string | number;
}

/** A response the fake holds back (see `FakeDiscord.holdNext`). */
export interface HeldResponse {
  /** Resolves once a matching request was handled and recorded; its answer is then held. */
  readonly request: Promise<RecordedRequest>;
  /** Sends the held answer (a no-op if the client gave up on the request meanwhile). */
  release(): void;
}

export type DropHow = { code?: number } | 'reconnect-op';

export interface InteractionHandle {
  id: string;
  token: string;
  /** The interaction callback body `{type, data}` (the first successful POST /interactions/{id}/{token}/callback). */
  response(timeoutMs?: number): Promise<{ type: number; data?: Payload }>;
  /** Body of the next PATCH /webhooks/{app}/{token}/messages/@original (editReply); each call waits for one more. */
  edit(timeoutMs?: number): Promise<Payload>;
  /** Bodies of POST /webhooks/{app}/{token} (followUp), in order. */
  followUps(): unknown[];
  /**
   * The message as it stands now: the full message object the callback created (or, for a component's
   * update, the message it is on), with every later edit applied; undefined before the callback, null once deleted.
   */
  currentMessage(): Payload;
}
