import type { MemberReadPosition } from "../api/types";
import type { MessageView, ReadReceiptEvent } from "../hub/protocol";
import type { ConversationState } from "./messageState";

/**
 * Read receipts of one conversation: the newest seq each other member has read (from the hub's
 * ReadReceipt events), and the "Seen by …" lines they become under the messages.
 */

/** userId → the newest seq that member has read. */
export type ReadPositions = Readonly<Record<string, number>>;

/**
 * Records a receipt. Positions only move forward (a late, older receipt changes nothing); the
 * viewer's own receipts and receipts of another conversation are ignored.
 */
export function applyReadReceipt(state: ConversationState, receipt: ReadReceiptEvent, myUserId: string): ConversationState {
  if (receipt.conversationId !== state.conversationId || receipt.userId === myUserId) return state;
  if (!Number.isInteger(receipt.seq) || receipt.seq < 1) return state;
  const current = state.reads[receipt.userId] ?? 0;
  if (receipt.seq <= current) return state;
  return { ...state, reads: { ...state.reads, [receipt.userId]: receipt.seq } };
}

/** Merges the positions read through REST (GET …/reads) the same way: forward only, never the viewer's own. */
export function applyReadPositions(state: ConversationState, positions: readonly MemberReadPosition[], myUserId: string): ConversationState {
  let next = state;
  for (const p of positions) {
    next = applyReadReceipt(next, { conversationId: state.conversationId, userId: p.userId, seq: p.seq, at: "" }, myUserId);
  }
  return next;
}

/**
 * The "Seen" line under each message that is the newest one some other member has read (among
 * the loaded messages): "Seen" in a DM, "Seen by Alice, Bob" in a room. Keyed by seq.
 */
export function seenLines(
  messages: readonly MessageView[],
  reads: ReadPositions,
  myUserId: string,
  isDm: boolean,
  nameOf: (userId: string) => string | undefined,
): ReadonlyMap<number, string> {
  const readersBySeq = new Map<number, string[]>();
  for (const [userId, readSeq] of Object.entries(reads)) {
    if (userId === myUserId) continue;
    const newest = newestAtOrBefore(messages, readSeq);
    if (newest === null) continue;
    const list = readersBySeq.get(newest) ?? [];
    list.push(nameOf(userId) ?? senderName(messages, userId) ?? "someone");
    readersBySeq.set(newest, list);
  }
  const lines = new Map<number, string>();
  for (const [seq, names] of readersBySeq) {
    lines.set(seq, isDm ? "Seen" : `Seen by ${names.sort((x, y) => x.localeCompare(y)).join(", ")}`);
  }
  return lines;
}

/** The seq of the newest loaded message at or before `seq`; null when none is loaded. */
function newestAtOrBefore(messages: readonly MessageView[], seq: number): number | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.seq <= seq) return messages[i]!.seq;
  }
  return null;
}

/** A name for a reader who is not in the member list (e.g. left since): from a message they sent. */
function senderName(messages: readonly MessageView[], userId: string): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]!.senderId === userId) return messages[i]!.senderName;
  }
  return undefined;
}
