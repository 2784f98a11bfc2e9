import { describe, expect, it } from "vitest";
import { message, range } from "../test/fakes";
import {
  acknowledge,
  addPending,
  applyDeleted,
  applyEdited,
  applyHistory,
  applyPosted,
  applySubscribed,
  contiguousHighSeq,
  discardPending,
  emptyConversation,
  findGaps,
  hasOlder,
  markFailed,
  markQueued,
  markSending,
  mergeMessages,
  timeline,
  type ConversationState,
} from "./messageState";

const conv = "room:r1";
const me = { userId: "user-me", username: "me" };
const seqs = (state: ConversationState) => state.messages.map((m) => m.seq);

describe("pending messages reconciled by client id", () => {
  it("a pending send becomes the stored message when its acknowledgement arrives", () => {
    let state = applyHistory(emptyConversation(conv), range(conv, 1, 3));
    state = addPending(state, "c1", "hello", null, 1000);
    state = markSending(state, "c1");
    expect(timeline(state, me.userId).map((i) => i.kind)).toEqual(["message", "message", "message", "pending"]);

    state = acknowledge(state, "c1", { seq: 4, messageId: "m4", sentAt: "2026-01-01T12:00:04Z" }, me);

    expect(state.pending).toEqual([]);
    expect(seqs(state)).toEqual([1, 2, 3, 4]);
    expect(state.messages[3]).toMatchObject({ text: "hello", senderId: me.userId, senderName: "me", messageId: "m4" });
    expect(state.acked).toEqual({ c1: 4 });
    expect(state.latestSeq).toBe(4);
  });

  it("the echo arriving before the acknowledgement is shown once, and the acknowledgement keeps the echo", () => {
    let state = applyHistory(emptyConversation(conv), range(conv, 1, 2));
    state = markSending(addPending(state, "c1", "hi there", null, 1000), "c1");
    const echo = message(conv, 3, { senderId: me.userId, senderName: "Me Myself", text: "hi there", mentions: ["x"] });

    state = applyPosted(state, echo);
    const visible = timeline(state, me.userId);
    expect(visible.filter((i) => i.kind === "pending")).toHaveLength(0);
    expect(visible.filter((i) => i.kind === "message" && i.message.text === "hi there")).toHaveLength(1);

    state = acknowledge(state, "c1", { seq: 3, messageId: echo.messageId, sentAt: echo.sentAt }, me);
    expect(seqs(state)).toEqual([1, 2, 3]);
    expect(state.messages[2]).toBe(echo);
  });

  it("an older own message with the same text does not hide a new send", () => {
    let state = applyHistory(emptyConversation(conv), [message(conv, 1, { senderId: me.userId, text: "ok" })]);
    state = markSending(addPending(state, "c1", "ok", null, 1000), "c1");
    expect(timeline(state, me.userId).map((i) => i.kind)).toEqual(["message", "pending"]);
  });

  it("two identical sends in flight each hide behind at most one echo", () => {
    let state = emptyConversation(conv);
    state = markSending(addPending(state, "a", "same", null, 1), "a");
    state = markSending(addPending(state, "b", "same", null, 2), "b");
    state = applyPosted(state, message(conv, 1, { senderId: me.userId, text: "same" }));
    const kinds = timeline(state, me.userId).map((i) => i.kind);
    expect(kinds).toEqual(["message", "pending"]);
  });

  it("a refused send stays visible as failed, and a retry with the same client id is acknowledged once", () => {
    let state = markSending(addPending(emptyConversation(conv), "c1", "hello", null, 1), "c1");
    const refusal = { code: "message.rate_limited", message: "Too fast", retryable: true, connectionLost: false };
    state = markFailed(state, "c1", refusal);
    expect(state.pending[0]).toMatchObject({ status: "failed", error: refusal, attempts: 1 });

    // A failed message is never hidden, even if an identical message is stored meanwhile.
    state = applyPosted(state, message(conv, 1, { senderId: me.userId, text: "hello" }));
    expect(timeline(state, me.userId).some((i) => i.kind === "pending")).toBe(true);

    state = markSending(state, "c1");
    expect(state.pending[0]).toMatchObject({ status: "sending", error: null, attempts: 2 });
    state = acknowledge(state, "c1", { seq: 1, messageId: "m1", sentAt: "2026-01-01T00:00:00Z" }, me);
    expect(state.pending).toEqual([]);
    expect(seqs(state)).toEqual([1]);
  });

  it("a send cut off by a lost connection waits as queued", () => {
    let state = markSending(addPending(emptyConversation(conv), "c1", "hello", null, 1), "c1");
    state = markQueued(state, "c1");
    expect(state.pending[0]?.status).toBe("queued");
    expect(timeline(state, me.userId)).toHaveLength(1);
  });

  it("a client id already acknowledged is not added again", () => {
    let state = addPending(emptyConversation(conv), "c1", "x", null, 1);
    state = acknowledge(state, "c1", { seq: 1, messageId: "m", sentAt: "2026-01-01T00:00:00Z" }, me);
    expect(addPending(state, "c1", "x", null, 2)).toBe(state);
  });

  it("a discarded send disappears", () => {
    const state = discardPending(addPending(emptyConversation(conv), "c1", "x", null, 1), "c1");
    expect(state.pending).toEqual([]);
  });

  it("a late acknowledgement of a discarded send keeps only what the server stored", () => {
    let state = addPending(emptyConversation(conv), "c1", "x", null, 1);
    state = discardPending(state, "c1");
    state = acknowledge(state, "c1", { seq: 1, messageId: "m", sentAt: "2026-01-01T00:00:00Z" }, me);
    expect(state.messages).toEqual([]);
    expect(state.latestSeq).toBe(1);
  });
});

describe("catch-up merge by seq", () => {
  it("missed messages overlapping what is held merge without duplicates, in order", () => {
    let state = applyHistory(emptyConversation(conv), range(conv, 1, 5));
    const { state: next, needsPaging } = applySubscribed(state, {
      conversationId: conv,
      missed: [...range(conv, 4, 9)].reverse(),
      latestSeq: 9,
    });
    state = next;
    expect(needsPaging).toBe(false);
    expect(seqs(state)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(findGaps(state.messages)).toEqual([]);
  });

  it("live messages that arrived before the catch-up answer are kept once", () => {
    let state = applyHistory(emptyConversation(conv), range(conv, 1, 3));
    state = applyPosted(state, message(conv, 7));
    state = applyPosted(state, message(conv, 7));
    state = applySubscribed(state, { conversationId: conv, missed: range(conv, 4, 6), latestSeq: 6 }).state;
    expect(seqs(state)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(state.latestSeq).toBe(7);
  });

  it("the last seq without a hole is what a reconnect asks for, so a hole is refilled", () => {
    const messages = mergeMessages([], [...range(conv, 10, 12), ...range(conv, 15, 16)]);
    expect(contiguousHighSeq(messages)).toBe(12);
    expect(findGaps(messages)).toEqual([{ from: 13, to: 14 }]);
    expect(contiguousHighSeq([])).toBeNull();
  });

  it("more missed than the hub sends asks for paging", () => {
    const { needsPaging } = applySubscribed(emptyConversation(conv), {
      conversationId: conv,
      missed: range(conv, 1, 500),
      latestSeq: 700,
      hasMore: true,
    });
    expect(needsPaging).toBe(true);
  });

  it("messages of another conversation are ignored", () => {
    const state = applyPosted(emptyConversation(conv), message("room:other", 1));
    expect(state.messages).toEqual([]);
  });

  it("an edit replaces the text; an older copy arriving later does not undo it", () => {
    let state = applyHistory(emptyConversation(conv), range(conv, 1, 2));
    const edited = message(conv, 2, { text: "fixed", editedAt: "2026-01-01T13:00:00Z" });
    state = applyEdited(state, edited);
    state = applySubscribed(state, { conversationId: conv, missed: [message(conv, 2)], latestSeq: 2 }).state;
    expect(state.messages[1]?.text).toBe("fixed");
  });

  it("a deletion wins over any later copy of the message", () => {
    let state = applyHistory(emptyConversation(conv), range(conv, 1, 2));
    state = applyDeleted(state, 2);
    expect(state.messages[1]).toMatchObject({ deleted: true, text: "" });
    state = applyHistory(state, [message(conv, 2, { editedAt: "2030-01-01T00:00:00Z" })]);
    expect(state.messages[1]?.deleted).toBe(true);
  });

  it("older history exists exactly when the first loaded seq is above 1", () => {
    expect(hasOlder(applyHistory(emptyConversation(conv), range(conv, 51, 100)))).toBe(true);
    expect(hasOlder(applyHistory(emptyConversation(conv), range(conv, 1, 100)))).toBe(false);
    expect(hasOlder({ ...emptyConversation(conv), latestSeq: 3 })).toBe(true);
    expect(hasOlder(emptyConversation(conv))).toBe(false);
  });

  it("invalid seqs from the wire are dropped", () => {
    const merged = mergeMessages([], [message(conv, 0), message(conv, -3), message(conv, 1.5), message(conv, 2)]);
    expect(merged.map((m) => m.seq)).toEqual([2]);
  });
});
