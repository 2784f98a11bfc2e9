import { describe, expect, it } from "vitest";
import type { MessagesPage } from "../api/types";
import type { ReadReceiptEvent } from "../hub/protocol";
import { FakeHub, range, settle } from "../test/fakes";
import { ConversationStore } from "./conversationStore";
import { applyHistory, emptyConversation } from "./messageState";
import { applyReadReceipt, seenLines } from "./readReceipts";

const conv = "room:r1";
const me = "user-me";
const at = "2026-01-01T12:00:00Z";

function receipt(userId: string, seq: number, conversationId = conv): ReadReceiptEvent {
  return { conversationId, userId, seq, at };
}

describe("applyReadReceipt", () => {
  it("keeps each other member's newest read seq, moving only forward", () => {
    let state = emptyConversation(conv);
    state = applyReadReceipt(state, receipt("alice", 3), me);
    state = applyReadReceipt(state, receipt("bob", 1), me);
    state = applyReadReceipt(state, receipt("alice", 5), me);
    expect(state.reads).toEqual({ alice: 5, bob: 1 });

    const older = applyReadReceipt(state, receipt("alice", 4), me);
    const same = applyReadReceipt(state, receipt("alice", 5), me);
    expect(older).toBe(state);
    expect(same).toBe(state);
  });

  it("ignores the viewer's own receipts and those of another conversation", () => {
    const state = emptyConversation(conv);
    expect(applyReadReceipt(state, receipt(me, 7), me)).toBe(state);
    expect(applyReadReceipt(state, receipt("alice", 7, "room:other"), me)).toBe(state);
    expect(applyReadReceipt(state, receipt("alice", 0), me)).toBe(state);
  });
});

describe("seenLines", () => {
  const messages = range(conv, 1, 5);
  const names: Record<string, string> = { alice: "Alice", bob: "Bob", carol: "Carol" };

  it("puts each reader under the newest loaded message they have read, names sorted", () => {
    const lines = seenLines(messages, { bob: 5, alice: 5, carol: 2 }, me, false, (id) => names[id]);
    expect([...lines]).toEqual(
      expect.arrayContaining([
        [5, "Seen by Alice, Bob"],
        [2, "Seen by Carol"],
      ]),
    );
    expect(lines.size).toBe(2);
  });

  it("says just Seen in a DM, never names the viewer, and skips positions before the loaded messages", () => {
    const later = range(conv, 4, 6);
    expect([...seenLines(later, { alice: 5 }, me, true, (id) => names[id])]).toEqual([[5, "Seen"]]);
    expect(seenLines(later, { [me]: 6 }, me, false, (id) => names[id]).size).toBe(0);
    expect(seenLines(later, { alice: 2 }, me, false, (id) => names[id]).size).toBe(0);
  });

  it("falls back to the name on a message the reader sent when the member list does not know them", () => {
    const withDave = applyHistory(emptyConversation(conv), range(conv, 1, 2, { senderId: "dave", senderName: "Dave" })).messages;
    expect([...seenLines(withDave, { dave: 2 }, me, false, () => undefined)]).toEqual([[2, "Seen by Dave"]]);
  });
});

describe("ConversationStore read receipts", () => {
  it("records ReadReceipt events of other members per conversation", () => {
    const hub = new FakeHub();
    const empty = async (): Promise<MessagesPage> => ({ messages: [], hasMore: false });
    const store = new ConversationStore({ hub, history: { latest: empty, before: empty, after: empty }, me: { userId: me, username: "me" } });

    hub.emit("ReadReceipt", receipt("alice", 2));
    hub.emit("ReadReceipt", receipt(me, 9));
    hub.emit("ReadReceipt", receipt("alice", 1));
    hub.emit("ReadReceipt", receipt("bob", 4, "room:other"));

    expect(store.get(conv).reads).toEqual({ alice: 2 });
    expect(store.get("room:other").reads).toEqual({ bob: 4 });
    store.dispose();
  });

  it("starts from the positions read through REST when a conversation is opened, then moves forward only", async () => {
    const hub = new FakeHub();
    const empty = async (): Promise<MessagesPage> => ({ messages: [], hasMore: false });
    const reads = async () => [
      { userId: "alice", seq: 3 },
      { userId: me, seq: 9 },
    ];
    const store = new ConversationStore({ hub, history: { latest: empty, before: empty, after: empty, reads }, me: { userId: me, username: "me" } });

    await store.open(conv);
    await settle();
    expect(store.get(conv).reads).toEqual({ alice: 3 });
    hub.emit("ReadReceipt", receipt("alice", 2));
    expect(store.get(conv).reads).toEqual({ alice: 3 });
    hub.emit("ReadReceipt", receipt("alice", 4));
    expect(store.get(conv).reads).toEqual({ alice: 4 });
    store.dispose();
  });
});
