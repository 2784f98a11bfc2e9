import type { MessageView } from "../hub/protocol";

/**
 * Unread counts per conversation, as a pure reducer. A message counts once (by seq, so a
 * catch-up that re-delivers it changes nothing), never when it is the user's own, and never
 * when the user is looking at that conversation.
 */
export interface UnreadState {
  counts: Readonly<Record<string, number>>;
  /** Unread messages that mention the user (shown as a stronger badge). */
  mentions: Readonly<Record<string, number>>;
  /** Highest seq counted or read per conversation. */
  seen: Readonly<Record<string, number>>;
}

export interface UnreadContext {
  myUserId: string;
  myUsername: string;
  /** The conversation on screen, if any, while the window is visible and focused. */
  viewing: string | null;
}

export const emptyUnread: UnreadState = { counts: {}, mentions: {}, seen: {} };

export function mentionsMe(message: MessageView, myUserId: string, myUsername: string): boolean {
  if (message.mentions.includes(myUserId)) return true;
  const lower = myUsername.toLowerCase();
  return message.mentions.some((m) => m.toLowerCase() === lower);
}

export function countMessage(state: UnreadState, message: MessageView, context: UnreadContext): UnreadState {
  const id = message.conversationId;
  const seen = state.seen[id] ?? 0;
  if (message.seq <= seen) return state;
  const nextSeen = { ...state.seen, [id]: message.seq };
  if (message.senderId === context.myUserId || message.deleted || context.viewing === id) {
    return { ...state, seen: nextSeen };
  }
  const mention = mentionsMe(message, context.myUserId, context.myUsername);
  return {
    counts: { ...state.counts, [id]: (state.counts[id] ?? 0) + 1 },
    mentions: mention ? { ...state.mentions, [id]: (state.mentions[id] ?? 0) + 1 } : state.mentions,
    seen: nextSeen,
  };
}

/** The server's unread count up to `lastSeq`, unless the state already knows later messages. */
export function seedUnread(state: UnreadState, conversationId: string, lastSeq: number, unreadCount: number): UnreadState {
  if ((state.seen[conversationId] ?? 0) >= lastSeq) return state;
  const counts = { ...state.counts };
  if (unreadCount > 0) counts[conversationId] = unreadCount;
  else delete counts[conversationId];
  return { ...state, counts, seen: { ...state.seen, [conversationId]: lastSeq } };
}

/** The user has read everything up to `seq` in a conversation. */
export function markRead(state: UnreadState, conversationId: string, seq: number): UnreadState {
  const seen = Math.max(state.seen[conversationId] ?? 0, seq);
  if ((state.counts[conversationId] ?? 0) === 0 && (state.mentions[conversationId] ?? 0) === 0 && seen === state.seen[conversationId]) {
    return state;
  }
  const counts = { ...state.counts };
  const mentions = { ...state.mentions };
  delete counts[conversationId];
  delete mentions[conversationId];
  return { counts, mentions, seen: { ...state.seen, [conversationId]: seen } };
}

export function totalUnread(state: UnreadState): number {
  return Object.values(state.counts).reduce((sum, n) => sum + n, 0);
}
