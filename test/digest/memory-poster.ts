/**
 * An in-memory stand-in for Discord channels, with the two behaviours the run
 * protocol relies on: a repeated nonce returns the existing message (while
 * Discord's dedup window lasts), and the bot can find its recent messages.
 */
import type { DigestMessage } from '../../src/digest/digest-message.js';
import type { DigestPoster, FindOutcome, PostOutcome } from '../../src/digest/digest-poster.js';

export interface PostedMessage {
  readonly id: string;
  readonly nonce: string;
  readonly message: DigestMessage;
  readonly at: Date;
}

export type ChannelState = 'ok' | 'deleted' | 'forbidden';

export class MemoryPoster implements DigestPoster {
  private readonly messagesByChannel = new Map<string, PostedMessage[]>();
  private readonly states = new Map<string, ChannelState>();
  private nextId = 1;
  /** Discord dedups a nonce only for a few minutes; false models a restart after that window. */
  nonceWindowOpen = true;
  /** False models a channel whose history the bot cannot read back (or where the message scrolled out of reach). */
  historyVisible = true;
  /** The next N posts fail as a transient error (a 500). */
  transientFailures = 0;

  constructor(private readonly now: () => Date) {}

  setChannelState(channelId: string, state: ChannelState): void {
    this.states.set(channelId, state);
  }

  messages(channelId: string): readonly PostedMessage[] {
    return this.messagesByChannel.get(channelId) ?? [];
  }

  async post(channelId: string, message: DigestMessage, nonce: string): Promise<PostOutcome> {
    const refused = this.refusal(channelId);
    if (refused !== null) return refused;
    if (this.transientFailures > 0) {
      this.transientFailures--;
      return { kind: 'failed', reason: '500 Internal Server Error' };
    }
    const list = this.messagesByChannel.get(channelId) ?? [];
    const same = this.nonceWindowOpen ? list.find((m) => m.nonce === nonce) : undefined;
    if (same !== undefined) return { kind: 'posted', messageId: same.id };
    const posted = { id: String(this.nextId++), nonce, message: structuredClone(message), at: this.now() };
    this.messagesByChannel.set(channelId, [...list, posted]);
    return { kind: 'posted', messageId: posted.id };
  }

  async find(channelId: string, nonce: string): Promise<FindOutcome> {
    const refused = this.refusal(channelId);
    if (refused !== null) return refused;
    const found = this.historyVisible ? this.messages(channelId).find((m) => m.nonce === nonce) : undefined;
    return found ? { kind: 'found', messageId: found.id } : { kind: 'absent' };
  }

  private refusal(channelId: string): { kind: 'paused'; reason: string } | null {
    const state = this.states.get(channelId) ?? 'ok';
    if (state === 'deleted') return { kind: 'paused', reason: 'the channel was deleted (404, Unknown Channel)' };
    if (state === 'forbidden') return { kind: 'paused', reason: 'missing permission to post there (403, Missing Permissions)' };
    return null;
  }
}
