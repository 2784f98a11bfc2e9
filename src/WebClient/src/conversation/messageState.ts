import type { HubErrorInfo } from "../hub/errors";
import type { MessageView, ReactionView, SendResult, SubscribeResult } from "../hub/protocol";
import type { ReadPositions } from "./readReceipts";

/**
 * The client's copy of one conversation, as immutable values and pure functions so that the
 * delicate parts (optimistic sends, acknowledgements by client id, catch-up without gaps or
 * duplicates) are unit-tested without a server.
 *
 * Invariants: `messages` is sorted by seq and holds each seq once; `pending` holds only sends
 * not yet acknowledged, in the order they were written.
 */

export type PendingStatus = "queued" | "sending" | "failed";

export interface PendingMessage {
  clientMessageId: string;
  text: string;
  replyToSeq: number | null;
  /** Epoch ms when the user sent it (for display order among pending messages). */
  createdAt: number;
  status: PendingStatus;
  error: HubErrorInfo | null;
  attempts: number;
  /** latestSeq when it was written: the stored copy of this send can only have a higher seq. */
  baseSeq: number;
}

export interface ConversationState {
  conversationId: string;
  messages: readonly MessageView[];
  pending: readonly PendingMessage[];
  /** clientMessageId → seq of every send acknowledged in this session. */
  acked: Readonly<Record<string, number>>;
  /** Highest seq known to exist (from the hub's latestSeq or any message seen). */
  latestSeq: number;
  loadingOlder: boolean;
  /** Loading the newest page failed (e.g. the history endpoint is missing); shown in the view. */
  historyError: string | null;
  /** The hub refused to subscribe (not a member, banned, …). */
  accessError: HubErrorInfo | null;
  /** How far each other member has read (read receipts). */
  reads: ReadPositions;
}

export interface Sender {
  userId: string;
  username: string;
}

export function emptyConversation(conversationId: string): ConversationState {
  return {
    conversationId,
    messages: [],
    pending: [],
    acked: {},
    latestSeq: 0,
    loadingOlder: false,
    historyError: null,
    accessError: null,
    reads: {},
  };
}

/** Of two copies of one message, the one that reflects more of its history. */
export function newerCopy(current: MessageView, incoming: MessageView): MessageView {
  if (current.deleted !== incoming.deleted) return current.deleted ? current : incoming;
  const a = current.editedAt ? Date.parse(current.editedAt) : 0;
  const b = incoming.editedAt ? Date.parse(incoming.editedAt) : 0;
  return b >= a ? incoming : current;
}

/** Merges messages by seq: sorted, one copy per seq (the newer one), other seqs untouched. */
export function mergeMessages(existing: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (incoming.length === 0) return existing as MessageView[];
  const bySeq = new Map<number, MessageView>();
  for (const message of existing) bySeq.set(message.seq, message);
  for (const message of incoming) {
    if (!Number.isInteger(message.seq) || message.seq < 1) continue;
    const current = bySeq.get(message.seq);
    bySeq.set(message.seq, current ? newerCopy(current, message) : message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function withMessages(state: ConversationState, incoming: readonly MessageView[]): ConversationState {
  const own = incoming.filter((m) => m.conversationId === state.conversationId);
  if (own.length === 0) return state;
  const messages = mergeMessages(state.messages, own);
  const highest = messages.length > 0 ? messages[messages.length - 1]!.seq : 0;
  return { ...state, messages, latestSeq: Math.max(state.latestSeq, highest) };
}

export function applyPosted(state: ConversationState, message: MessageView): ConversationState {
  return withMessages(state, [message]);
}

/** An edit replaces the message only when it is at least as new (a late, older copy is ignored). */
export function applyEdited(state: ConversationState, message: MessageView): ConversationState {
  return withMessages(state, [message]);
}

export function applyDeleted(state: ConversationState, seq: number): ConversationState {
  const index = state.messages.findIndex((m) => m.seq === seq);
  if (index < 0) return state;
  const messages = [...state.messages];
  messages[index] = { ...messages[index]!, deleted: true, text: "", reactions: [] };
  return { ...state, messages };
}

export function applyReactions(state: ConversationState, seq: number, reactions: ReactionView[]): ConversationState {
  const index = state.messages.findIndex((m) => m.seq === seq);
  if (index < 0) return state;
  const messages = [...state.messages];
  messages[index] = { ...messages[index]!, reactions };
  return { ...state, messages };
}

/**
 * Applies the hub's Subscribe result: the missed messages merge in (duplicates of what is
 * already here collapse by seq) and latestSeq moves forward. Returns `needsPaging` when the
 * server had more than it sent (hasMore): the caller pages the rest through REST.
 */
export function applySubscribed(
  state: ConversationState,
  result: SubscribeResult,
): { state: ConversationState; needsPaging: boolean } {
  const merged = withMessages({ ...state, accessError: null }, result.missed);
  const latestSeq = Math.max(merged.latestSeq, result.latestSeq);
  return { state: { ...merged, latestSeq }, needsPaging: result.hasMore === true };
}

export function applyHistory(state: ConversationState, messages: readonly MessageView[]): ConversationState {
  return withMessages({ ...state, historyError: null }, messages);
}

/** Older history exists before the first loaded message (seqs start at 1 and have no gaps). */
export function hasOlder(state: ConversationState): boolean {
  if (state.messages.length === 0) return state.latestSeq > 0;
  return state.messages[0]!.seq > 1;
}

/**
 * The highest seq up to which the loaded messages have no hole, starting from the first loaded
 * one: what to tell the hub as lastSeenSeq, so that a hole is refilled rather than skipped.
 * Null when nothing is loaded.
 */
export function contiguousHighSeq(messages: readonly MessageView[]): number | null {
  if (messages.length === 0) return null;
  let high = messages[0]!.seq;
  for (let i = 1; i < messages.length; i++) {
    if (messages[i]!.seq !== high + 1) break;
    high = messages[i]!.seq;
  }
  return high;
}

/** Missing seq ranges (inclusive) between the first and the last loaded message. */
export function findGaps(messages: readonly MessageView[]): { from: number; to: number }[] {
  const gaps: { from: number; to: number }[] = [];
  for (let i = 1; i < messages.length; i++) {
    const previous = messages[i - 1]!.seq;
    const current = messages[i]!.seq;
    if (current > previous + 1) gaps.push({ from: previous + 1, to: current - 1 });
  }
  return gaps;
}

// --- Optimistic sends ---

export function addPending(
  state: ConversationState,
  clientMessageId: string,
  text: string,
  replyToSeq: number | null,
  now: number,
): ConversationState {
  if (state.pending.some((p) => p.clientMessageId === clientMessageId) || clientMessageId in state.acked) return state;
  const pending: PendingMessage = { clientMessageId, text, replyToSeq, createdAt: now, status: "queued", error: null, attempts: 0, baseSeq: state.latestSeq };
  return { ...state, pending: [...state.pending, pending] };
}

function updatePending(
  state: ConversationState,
  clientMessageId: string,
  change: (p: PendingMessage) => PendingMessage,
): ConversationState {
  const index = state.pending.findIndex((p) => p.clientMessageId === clientMessageId);
  if (index < 0) return state;
  const pending = [...state.pending];
  pending[index] = change(pending[index]!);
  return { ...state, pending };
}

export function markSending(state: ConversationState, clientMessageId: string): ConversationState {
  return updatePending(state, clientMessageId, (p) => ({ ...p, status: "sending", error: null, attempts: p.attempts + 1 }));
}

/** The send did not reach the server (connection lost): it waits for the next connection. */
export function markQueued(state: ConversationState, clientMessageId: string): ConversationState {
  return updatePending(state, clientMessageId, (p) => ({ ...p, status: "queued" }));
}

/** The server refused the send: it stays visible with the reason until retried or discarded. */
export function markFailed(state: ConversationState, clientMessageId: string, error: HubErrorInfo): ConversationState {
  return updatePending(state, clientMessageId, (p) => ({ ...p, status: "failed", error }));
}

export function discardPending(state: ConversationState, clientMessageId: string): ConversationState {
  const pending = state.pending.filter((p) => p.clientMessageId !== clientMessageId);
  return pending.length === state.pending.length ? state : { ...state, pending };
}

/**
 * The server stored the send as `ack.seq`. The pending copy goes; the stored message takes its
 * place: the MessagePosted echo if it already arrived (it has everything, e.g. mentions),
 * otherwise a copy built from the pending message until the echo or history replaces it.
 */
export function acknowledge(state: ConversationState, clientMessageId: string, ack: SendResult, sender: Sender): ConversationState {
  const pending = state.pending.find((p) => p.clientMessageId === clientMessageId);
  const acked = { ...state.acked, [clientMessageId]: ack.seq };
  const rest = state.pending.filter((p) => p.clientMessageId !== clientMessageId);
  let next: ConversationState = { ...state, pending: rest, acked };
  if (pending && !state.messages.some((m) => m.seq === ack.seq)) {
    next = withMessages(next, [
      {
        conversationId: state.conversationId,
        seq: ack.seq,
        messageId: ack.messageId,
        senderId: sender.userId,
        senderName: sender.username,
        text: pending.text,
        sentAt: ack.sentAt,
        editedAt: null,
        deleted: false,
        replyToSeq: pending.replyToSeq,
        mentions: [],
        reactions: [],
      },
    ]);
  }
  return { ...next, latestSeq: Math.max(next.latestSeq, ack.seq) };
}

// --- What the message list shows ---

export type TimelineItem =
  | { kind: "message"; key: string; message: MessageView }
  | { kind: "pending"; key: string; pending: PendingMessage };

/**
 * Stored messages in seq order, then the pending ones. The server broadcasts MessagePosted to
 * the sender too, and that echo can arrive just before the Send result: an own stored message
 * newer than the pending one and not yet claimed by any acknowledgement hides one in-flight
 * pending message with the same text and reply, so the message never shows twice. Failed and
 * queued sends are never hidden.
 */
export function timeline(state: ConversationState, myUserId: string): TimelineItem[] {
  const claimed = new Set(Object.values(state.acked));
  const unclaimedEchoes = state.messages.filter((m) => m.senderId === myUserId && !claimed.has(m.seq) && !m.deleted);
  const usedEchoes = new Set<number>();
  const hidden = new Set<string>();
  for (const pending of state.pending) {
    if (pending.status !== "sending") continue;
    const echo = unclaimedEchoes.find(
      (m) =>
        m.seq > pending.baseSeq && !usedEchoes.has(m.seq) && m.text === pending.text && m.replyToSeq === pending.replyToSeq,
    );
    if (echo) {
      usedEchoes.add(echo.seq);
      hidden.add(pending.clientMessageId);
    }
  }
  const items: TimelineItem[] = state.messages.map((message) => ({ kind: "message", key: `m${message.seq}`, message }));
  for (const pending of state.pending) {
    if (!hidden.has(pending.clientMessageId)) items.push({ kind: "pending", key: `p${pending.clientMessageId}`, pending });
  }
  return items;
}
