/**
 * The fake gateway: a WebSocket endpoint speaking Discord's v10 JSON protocol without compression
 * (discord.js only asks for zlib-stream when the optional `zlib-sync` package is installed).
 * HELLO, heartbeat ACKs, IDENTIFY → READY + GUILD_CREATE, RESUME → RESUMED (nothing is replayed),
 * and dispatches to whichever connection is live.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Json } from './payloads.js';
import type { DropHow } from './types.js';
import { Condition } from './waiters.js';

/** Discord's usual interval; heartbeats are answered, never required, so its size only matters to the client. */
const HEARTBEAT_INTERVAL_MS = 41_250;
/** Close code discord.js treats as an unknown error it can RESUME from. */
const DEFAULT_DROP_CODE = GatewayCloseCodes.UnknownError;
/** `ws` cannot send 1006 (abnormal closure); it means "cut the TCP connection". */
const ABNORMAL_CLOSURE = 1006;

export interface GatewayContent {
  /** READY's `d` without session fields. */
  ready(): Json;
  /** One GUILD_CREATE `d` per guild. */
  guildCreates(): Json[];
}

interface Session { id: string; seq: number }
interface Connection { socket: WebSocket; session: Session | null; live: boolean }

export class FakeGateway {
  identifyCount = 0;
  resumeCount = 0;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  readonly liveCondition = new Condition(() => this.liveConnection() !== undefined);

  constructor(private readonly url: () => string, private readonly content: GatewayContent) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, new URL(req.url ?? '/', 'ws://fake')));
  }

  /** Sends a dispatch to the newest live connection; false when no client is connected and ready. */
  dispatch(t: string, d: unknown): boolean {
    const connection = this.liveConnection();
    if (connection?.session == null) return false;
    this.send(connection, { op: GatewayOpcodes.Dispatch, t, s: ++connection.session.seq, d });
    return true;
  }

  drop(how: DropHow = {}): void {
    for (const connection of this.connections) {
      // Not live from now on, so a following waitForReady() waits for the reconnection.
      connection.live = false;
      if (how === 'reconnect-op') this.send(connection, { op: GatewayOpcodes.Reconnect, d: null, s: null, t: null });
      else if ((how.code ?? DEFAULT_DROP_CODE) === ABNORMAL_CLOSURE) connection.socket.terminate();
      else connection.socket.close(how.code ?? DEFAULT_DROP_CODE, 'Dropped by FakeDiscord');
    }
    this.liveCondition.notify();
  }

  close(): void {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    this.wss.close();
  }

  private liveConnection(): Connection | undefined {
    return [...this.connections].reverse().find((c) => c.live);
  }

  private accept(socket: WebSocket, url: URL): void {
    const connection: Connection = { socket, session: null, live: false };
    this.connections.add(connection);
    socket.on('close', () => {
      this.connections.delete(connection);
      this.liveCondition.notify();
    });
    socket.on('error', () => socket.terminate());
    // 4012 is one of the codes discord.js gives up on; a resumable code would make it retry forever.
    const unsupported = url.searchParams.get('v') !== '10' ? 'Only API v10 is faked'
      : (url.searchParams.get('encoding') ?? 'json') !== 'json' ? 'Only JSON encoding is faked'
        : url.searchParams.has('compress') ? 'Transport compression is not faked' : null;
    if (unsupported !== null) return socket.close(GatewayCloseCodes.InvalidAPIVersion, unsupported);
    socket.on('message', (data) => this.onMessage(connection, data));
    this.send(connection, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null });
  }

  private onMessage(connection: Connection, data: RawData): void {
    let packet: { op?: number; d?: Json };
    try {
      packet = JSON.parse(data.toString()) as { op?: number; d?: Json };
    } catch {
      return connection.socket.close(GatewayCloseCodes.DecodeError, 'Decode error');
    }
    switch (packet.op) {
      case GatewayOpcodes.Heartbeat:
        return this.send(connection, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
      case GatewayOpcodes.Identify:
        return this.identify(connection);
      case GatewayOpcodes.Resume:
        return this.resume(connection, String(packet.d?.session_id));
      default:
        return undefined; // presence updates, member requests...: accepted and ignored
    }
  }

  private identify(connection: Connection): void {
    if (connection.session) return connection.socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
    this.identifyCount += 1;
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0 };
    this.sessions.set(session.id, session);
    connection.session = session;
    const ready = { ...this.content.ready(), session_id: session.id, resume_gateway_url: this.url() };
    this.send(connection, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Ready, s: ++session.seq, d: ready });
    for (const guild of this.content.guildCreates()) {
      this.send(connection, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.GuildCreate, s: ++session.seq, d: guild });
    }
    this.goLive(connection);
  }

  private resume(connection: Connection, sessionId: string): void {
    const session = this.sessions.get(sessionId);
    // d: false tells the client the session cannot be resumed, so it IDENTIFYs afresh.
    if (!session) return this.send(connection, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
    this.resumeCount += 1;
    connection.session = session;
    this.send(connection, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, s: ++session.seq, d: {} });
    this.goLive(connection);
  }

  private goLive(connection: Connection): void {
    connection.live = true;
    this.liveCondition.notify();
  }

  private send(connection: Connection, packet: unknown): void {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(packet));
  }
}
