import { describeError } from "../api/errors";
import type { MemberReadPosition, MessagesPage } from "../api/types";
import type { ChatHubApi } from "../hub/ChatHub";
import { parseHubError, type HubErrorInfo } from "../hub/errors";
import {
  acknowledge,
  addPending,
  applyDeleted,
  applyEdited,
  applyHistory,
  applyPosted,
  applyReactions,
  applySubscribed,
  contiguousHighSeq,
  discardPending,
  emptyConversation,
  markFailed,
  markQueued,
  markSending,
  type ConversationState,
  type Sender,
} from "./messageState";
import { applyReadPositions, applyReadReceipt } from "./readReceipts";

/** REST history, per conversation (api/chatApi.ts in the app; a fake in tests). */
export interface HistoryApi {
  latest(conversationId: string): Promise<MessagesPage>;
  before(conversationId: string, seq: number): Promise<MessagesPage>;
  after(conversationId: string, seq: number): Promise<MessagesPage>;
  /** How far the other members have read (the start of read receipts); optional for fakes. */
  reads?(conversationId: string): Promise<MemberReadPosition[]>;
}

export interface TypingUser {
  userId: string;
  displayName: string;
}

export interface ConversationStoreOptions {
  hub: ChatHubApi;
  history: HistoryApi;
  me: Sender;
  now?: () => number;
  newId?: () => string;
  /** Tells the user about failures of actions that have no place of their own (edit, delete, react). */
  onActionError?: (message: string) => void;
  /** How long a typing notice stays up without a new one. */
  typingTtlMs?: number;
}

const emptyTyping: readonly TypingUser[] = [];
const typingSendIntervalMs = 3_000;
/** Pages fetched through REST after a catch-up that exceeded the hub's 500 messages. */
const maxCatchUpPages = 20;

/**
 * All conversations the user takes part in: their messages, pending sends and typing users,
 * kept current from the hub. Every watched conversation is (re)subscribed on each connection
 * with the last seq it holds without a hole, so a reconnect receives exactly what was missed.
 * Sends that could not reach the server wait and go out, with the same client id, on the next
 * connection; the server stores a retried client id once.
 */
export class ConversationStore {
  private readonly states = new Map<string, ConversationState>();
  private readonly typingUsers = new Map<string, Map<string, { name: string; until: number }>>();
  private readonly typingSnapshots = new Map<string, readonly TypingUser[]>();
  private readonly lastTypingSent = new Map<string, number>();
  private readonly watched = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly disposers: (() => void)[] = [];
  private readonly hub: ChatHubApi;
  private readonly history: HistoryApi;
  private readonly me: Sender;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly onActionError: (message: string) => void;
  private readonly typingTtlMs: number;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: ConversationStoreOptions) {
    this.hub = options.hub;
    this.history = options.history;
    this.me = options.me;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.onActionError = options.onActionError ?? (() => {});
    this.typingTtlMs = options.typingTtlMs ?? 6_000;

    this.disposers.push(
      this.hub.on("MessagePosted", (m) => {
        this.update(m.conversationId, (s) => applyPosted(s, m));
        this.clearTyping(m.conversationId, m.senderId);
      }),
      this.hub.on("MessageEdited", (m) => this.update(m.conversationId, (s) => applyEdited(s, m))),
      this.hub.on("MessageDeleted", (e) => this.update(e.conversationId, (s) => applyDeleted(s, e.seq))),
      this.hub.on("ReactionsChanged", (e) => this.update(e.conversationId, (s) => applyReactions(s, e.seq, e.reactions))),
      this.hub.on("Typing", (e) => this.noteTyping(e.conversationId, e.userId, e.displayName)),
      this.hub.on("ReadReceipt", (e) => this.update(e.conversationId, (s) => applyReadReceipt(s, e, this.me.userId))),
      this.hub.onConnected(() => {
        for (const id of this.watched) void this.subscribeOne(id);
      }),
    );
  }

  dispose(): void {
    for (const dispose of this.disposers) dispose();
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(conversationId: string): ConversationState {
    let state = this.states.get(conversationId);
    if (!state) {
      state = emptyConversation(conversationId);
      this.states.set(conversationId, state);
    }
    return state;
  }

  typing(conversationId: string): readonly TypingUser[] {
    return this.typingSnapshots.get(conversationId) ?? emptyTyping;
  }

  /** Keeps these conversations subscribed (joined rooms and DMs, for live messages and unread counts). */
  watch(conversationIds: Iterable<string>): void {
    for (const id of conversationIds) {
      if (this.watched.has(id)) continue;
      this.watched.add(id);
      if (this.hub.isConnected) void this.subscribeOne(id);
    }
  }

  unwatch(conversationId: string): void {
    if (!this.watched.delete(conversationId)) return;
    if (this.hub.isConnected) void this.hub.unsubscribe(conversationId).catch(() => {});
  }

  /** The user opened a conversation: make sure it is watched and its newest page is loaded. */
  async open(conversationId: string): Promise<void> {
    this.watch([conversationId]);
    void this.loadReads(conversationId);
    const state = this.get(conversationId);
    if (state.messages.length > 0) return;
    try {
      const page = await this.history.latest(conversationId);
      this.update(conversationId, (s) => applyHistory(s, page.messages));
    } catch (error) {
      this.update(conversationId, (s) => ({ ...s, historyError: describeError(error) }));
    }
  }

  /** Where the other members' read receipts start; live ReadReceipt events move them on. */
  private async loadReads(conversationId: string): Promise<void> {
    if (!this.history.reads) return;
    try {
      const positions = await this.history.reads(conversationId);
      this.update(conversationId, (s) => applyReadPositions(s, positions, this.me.userId));
    } catch {
      // Without the starting positions, "Seen" lines appear as members read from now on.
    }
  }

  /** Scroll-back: the page before the first loaded message. */
  async loadOlder(conversationId: string): Promise<void> {
    const state = this.get(conversationId);
    const first = state.messages[0];
    if (state.loadingOlder || !first || first.seq <= 1) return;
    this.update(conversationId, (s) => ({ ...s, loadingOlder: true }));
    try {
      const page = await this.history.before(conversationId, first.seq);
      this.update(conversationId, (s) => ({ ...applyHistory(s, page.messages), loadingOlder: false }));
    } catch (error) {
      this.update(conversationId, (s) => ({ ...s, loadingOlder: false }));
      this.onActionError(`Older messages could not be loaded: ${describeError(error)}`);
    }
  }

  // --- Sending ---

  /** Shows the message at once as pending and sends it (now, or on the next connection). Returns its client id. */
  send(conversationId: string, text: string, replyToSeq: number | null): string {
    const clientMessageId = this.newId();
    this.update(conversationId, (s) => addPending(s, clientMessageId, text, replyToSeq, this.now()));
    this.lastTypingSent.delete(conversationId);
    if (this.hub.isConnected) void this.dispatch(conversationId, clientMessageId);
    return clientMessageId;
  }

  /** Sends a failed (or waiting) message again with the same client id. */
  retry(conversationId: string, clientMessageId: string): void {
    void this.dispatch(conversationId, clientMessageId);
  }

  discard(conversationId: string, clientMessageId: string): void {
    this.update(conversationId, (s) => discardPending(s, clientMessageId));
  }

  private async dispatch(conversationId: string, clientMessageId: string): Promise<void> {
    const pending = this.get(conversationId).pending.find((p) => p.clientMessageId === clientMessageId);
    if (!pending || pending.status === "sending") return;
    this.update(conversationId, (s) => markSending(s, clientMessageId));
    try {
      const ack = await this.hub.send(conversationId, clientMessageId, pending.text, pending.replyToSeq);
      this.update(conversationId, (s) => acknowledge(s, clientMessageId, ack, this.me));
    } catch (error) {
      const info = parseHubError(error);
      this.update(conversationId, (s) =>
        info.connectionLost ? markQueued(s, clientMessageId) : markFailed(s, clientMessageId, info),
      );
    }
  }

  private flushQueued(conversationId: string): void {
    for (const pending of this.get(conversationId).pending) {
      if (pending.status === "queued") void this.dispatch(conversationId, pending.clientMessageId);
    }
  }

  // --- Other actions ---

  async edit(conversationId: string, seq: number, text: string): Promise<boolean> {
    return this.act(() => this.hub.edit(conversationId, seq, text), "The message could not be edited");
  }

  async remove(conversationId: string, seq: number): Promise<boolean> {
    return this.act(() => this.hub.delete(conversationId, seq), "The message could not be deleted");
  }

  async react(conversationId: string, seq: number, emoji: string): Promise<boolean> {
    return this.act(() => this.hub.react(conversationId, seq, emoji), "The reaction could not be saved");
  }

  /** Tells others the user is typing, at most once every few seconds. */
  notifyTyping(conversationId: string): void {
    const last = this.lastTypingSent.get(conversationId) ?? -Infinity;
    const now = this.now();
    if (now - last < typingSendIntervalMs || !this.hub.isConnected) return;
    this.lastTypingSent.set(conversationId, now);
    void this.hub.typing(conversationId).catch(() => {});
  }

  markRead(conversationId: string, seq: number): void {
    if (seq > 0 && this.hub.isConnected) void this.hub.markRead(conversationId, seq).catch(() => {});
  }

  private async act(call: () => Promise<void>, what: string): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      const info: HubErrorInfo = parseHubError(error);
      this.onActionError(`${what}: ${info.message}`);
      return false;
    }
  }

  // --- Subscriptions and catch-up ---

  private async subscribeOne(conversationId: string): Promise<void> {
    const lastSeen = contiguousHighSeq(this.get(conversationId).messages);
    try {
      const result = await this.hub.subscribe(conversationId, lastSeen);
      let needsPaging = false;
      this.update(conversationId, (s) => {
        const applied = applySubscribed(s, result);
        needsPaging = applied.needsPaging;
        return applied.state;
      });
      if (needsPaging) await this.pageForward(conversationId);
      this.flushQueued(conversationId);
    } catch (error) {
      const info = parseHubError(error);
      if (!info.connectionLost) this.update(conversationId, (s) => ({ ...s, accessError: info }));
    }
  }

  /** Fetches, through REST, what the hub's catch-up could not carry; on failure starts over from the newest page. */
  private async pageForward(conversationId: string): Promise<void> {
    try {
      for (let page = 0; page < maxCatchUpPages; page++) {
        const from = contiguousHighSeq(this.get(conversationId).messages) ?? 0;
        const result = await this.history.after(conversationId, from);
        this.update(conversationId, (s) => applyHistory(s, result.messages));
        if (!result.hasMore || result.messages.length === 0) return;
      }
    } catch {
      // Fall through: a fresh start from the newest page never leaves a hole in the middle.
    }
    try {
      const latest = await this.history.latest(conversationId);
      this.update(conversationId, (s) => applyHistory({ ...s, messages: [] }, latest.messages));
    } catch (error) {
      this.update(conversationId, (s) => ({ ...s, historyError: describeError(error) }));
    }
  }

  // --- Typing ---

  private noteTyping(conversationId: string, userId: string, name: string): void {
    if (userId === this.me.userId) return;
    let users = this.typingUsers.get(conversationId);
    if (!users) {
      users = new Map();
      this.typingUsers.set(conversationId, users);
    }
    users.set(userId, { name, until: this.now() + this.typingTtlMs });
    this.publishTyping(conversationId);
    this.scheduleTypingExpiry();
  }

  private clearTyping(conversationId: string, userId: string): void {
    if (this.typingUsers.get(conversationId)?.delete(userId)) this.publishTyping(conversationId);
  }

  private publishTyping(conversationId: string): void {
    const users = this.typingUsers.get(conversationId);
    const list = users ? [...users].map(([userId, v]) => ({ userId, displayName: v.name })) : [];
    this.typingSnapshots.set(conversationId, list.length === 0 ? emptyTyping : list);
    this.emit();
  }

  private scheduleTypingExpiry(): void {
    if (this.typingTimer !== null) return;
    this.typingTimer = setTimeout(() => {
      this.typingTimer = null;
      const now = this.now();
      let pending = false;
      for (const [conversationId, users] of this.typingUsers) {
        let changed = false;
        for (const [userId, entry] of users) {
          if (entry.until <= now) {
            users.delete(userId);
            changed = true;
          } else {
            pending = true;
          }
        }
        if (changed) this.publishTyping(conversationId);
      }
      if (pending) this.scheduleTypingExpiry();
    }, 1_000);
  }

  private update(conversationId: string, change: (state: ConversationState) => ConversationState): void {
    const current = this.get(conversationId);
    const next = change(current);
    if (next === current) return;
    this.states.set(conversationId, next);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
