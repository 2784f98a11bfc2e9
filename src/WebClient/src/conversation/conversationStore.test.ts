import { describe, expect, it, vi } from "vitest";
import type { MessagesPage } from "../api/types";
import { FakeHub, message, range, settle } from "../test/fakes";
import { ConversationStore, type HistoryApi } from "./conversationStore";

const conv = "room:r1";
const me = { userId: "user-me", username: "me" };

function history(pages: Partial<HistoryApi> = {}): HistoryApi {
  const empty = async (): Promise<MessagesPage> => ({ messages: [], hasMore: false });
  return { latest: empty, before: empty, after: empty, ...pages };
}

function setup(options: { history?: HistoryApi; connected?: boolean } = {}) {
  const hub = new FakeHub();
  hub.isConnected = options.connected ?? true;
  let id = 0;
  const errors: string[] = [];
  const store = new ConversationStore({
    hub,
    history: options.history ?? history(),
    me,
    newId: () => `client-${++id}`,
    onActionError: (m) => errors.push(m),
  });
  return { hub, store, errors };
}

describe("ConversationStore sending", () => {
  it("sends at once when connected and replaces the pending message on acknowledgement", async () => {
    const { hub, store } = setup();
    const clientId = store.send(conv, "hello", null);
    await settle();
    expect(hub.sends).toHaveLength(1);
    expect(hub.sends[0]).toMatchObject({ conversationId: conv, clientMessageId: clientId, text: "hello", replyToSeq: null });
    expect(store.get(conv).pending[0]?.status).toBe("sending");

    hub.sends[0]!.reply.resolve({ seq: 1, messageId: "m1", sentAt: "2026-01-01T00:00:00Z" });
    await settle();
    expect(store.get(conv).pending).toEqual([]);
    expect(store.get(conv).messages.map((m) => m.seq)).toEqual([1]);
  });

  it("a refused send is marked failed and a retry reuses its client id", async () => {
    const { hub, store } = setup();
    const clientId = store.send(conv, "hello", 4);
    await settle();
    hub.sends[0]!.reply.reject(new Error("An unexpected error occurred invoking 'Send' on the server. HubException: [room.muted] You are muted in this room."));
    await settle();
    expect(store.get(conv).pending[0]).toMatchObject({ status: "failed", error: { code: "room.muted", message: "You are muted in this room." } });

    store.retry(conv, clientId);
    await settle();
    expect(hub.sends).toHaveLength(2);
    expect(hub.sends[1]).toMatchObject({ clientMessageId: clientId, text: "hello", replyToSeq: 4 });
    hub.sends[1]!.reply.resolve({ seq: 9, messageId: "m9", sentAt: "2026-01-01T00:00:00Z" });
    await settle();
    expect(store.get(conv).pending).toEqual([]);
    expect(store.get(conv).messages.map((m) => m.seq)).toEqual([9]);
  });

  it("sends written while offline wait and go out, with their client ids, once subscribed after reconnecting", async () => {
    const { hub, store } = setup({ connected: false });
    store.watch([conv]);
    const first = store.send(conv, "one", null);
    const second = store.send(conv, "two", null);
    await settle();
    expect(hub.sends).toHaveLength(0);
    expect(store.get(conv).pending.map((p) => p.status)).toEqual(["queued", "queued"]);

    hub.connect();
    await settle();
    expect(hub.subscribes).toHaveLength(1);
    hub.subscribes[0]!.reply.resolve({ conversationId: conv, missed: [], latestSeq: 0 });
    await settle();
    expect(hub.sends.map((s) => s.clientMessageId)).toEqual([first, second]);
  });

  it("a send cut off by the connection is queued, then re-sent with the same client id on reconnect", async () => {
    const { hub, store } = setup();
    store.watch([conv]);
    hub.subscribes[0]!.reply.resolve({ conversationId: conv, missed: [], latestSeq: 0 });
    const clientId = store.send(conv, "hello", null);
    await settle();
    hub.disconnect();
    hub.sends[0]!.reply.reject(new Error("Invocation canceled due to the underlying connection being closed."));
    await settle();
    expect(store.get(conv).pending[0]?.status).toBe("queued");

    hub.connect();
    await settle();
    hub.subscribes[1]!.reply.resolve({ conversationId: conv, missed: [], latestSeq: 0 });
    await settle();
    expect(hub.sends).toHaveLength(2);
    expect(hub.sends[1]!.clientMessageId).toBe(clientId);
  });
});

describe("ConversationStore catch-up", () => {
  it("a reconnect re-subscribes with the last seq held and receives exactly the missed messages", async () => {
    const { hub, store } = setup({ history: history({ latest: async () => ({ messages: range(conv, 1, 10), hasMore: false }) }) });
    await store.open(conv);
    hub.subscribes[0]!.reply.resolve({ conversationId: conv, missed: [], latestSeq: 10 });
    await settle();

    hub.disconnect();
    hub.connect();
    await settle();
    expect(hub.subscribes[1]).toMatchObject({ conversationId: conv, lastSeenSeq: 10 });
    hub.subscribes[1]!.reply.resolve({ conversationId: conv, missed: range(conv, 11, 15), latestSeq: 15 });
    await settle();
    hub.emit("MessagePosted", message(conv, 16));
    hub.emit("MessagePosted", message(conv, 15));

    const seqs = store.get(conv).messages.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it("a catch-up larger than the hub's answer is paged through REST until complete", async () => {
    const after = vi.fn(async (_id: string, seq: number): Promise<MessagesPage> => {
      const to = Math.min(seq + 100, 650);
      return { messages: range(conv, seq + 1, to), hasMore: to < 650 };
    });
    const { hub, store } = setup({ history: history({ after }) });
    store.watch([conv]);
    hub.subscribes[0]!.reply.resolve({ conversationId: conv, missed: range(conv, 1, 500), latestSeq: 650, hasMore: true });
    await settle();
    await settle();
    const seqs = store.get(conv).messages.map((m) => m.seq);
    expect(seqs).toHaveLength(650);
    expect(seqs[649]).toBe(650);
    expect(after).toHaveBeenCalledWith(conv, 500);
  });

  it("a refused subscription is shown; the conversation keeps its messages", async () => {
    const { hub, store } = setup();
    store.watch([conv]);
    hub.subscribes[0]!.reply.reject(new Error("HubException: [room.banned] You are banned from this room."));
    await settle();
    expect(store.get(conv).accessError).toMatchObject({ code: "room.banned" });
  });

  it("scroll-back loads the page before the first message", async () => {
    const before = vi.fn(async (): Promise<MessagesPage> => ({ messages: range(conv, 1, 50), hasMore: false }));
    const { store } = setup({ history: history({ latest: async () => ({ messages: range(conv, 51, 100), hasMore: true }), before }) });
    await store.open(conv);
    await store.loadOlder(conv);
    expect(before).toHaveBeenCalledWith(conv, 51);
    expect(store.get(conv).messages).toHaveLength(100);
  });

  it("a failing history endpoint leaves a message for the view instead of throwing", async () => {
    const { store } = setup({ history: history({ latest: async () => Promise.reject(new Error("boom")) }) });
    await store.open(conv);
    expect(store.get(conv).historyError).toBe("boom");
  });
});

describe("ConversationStore live events", () => {
  it("edits, deletions and reactions update the held message", () => {
    const { hub, store } = setup();
    hub.emit("MessagePosted", message(conv, 1));
    hub.emit("MessageEdited", message(conv, 1, { text: "edited", editedAt: "2026-01-02T00:00:00Z" }));
    expect(store.get(conv).messages[0]?.text).toBe("edited");
    hub.emit("ReactionsChanged", { conversationId: conv, seq: 1, reactions: [{ emoji: "👍", userIds: ["a"] }] });
    expect(store.get(conv).messages[0]?.reactions).toEqual([{ emoji: "👍", userIds: ["a"] }]);
    hub.emit("MessageDeleted", { conversationId: conv, seq: 1 });
    expect(store.get(conv).messages[0]?.deleted).toBe(true);
  });

  it("typing notices from others show, expire, and clear when that person's message arrives", () => {
    vi.useFakeTimers();
    try {
      const { hub, store } = setup();
      hub.emit("Typing", { conversationId: conv, userId: "u2", displayName: "Bob" });
      hub.emit("Typing", { conversationId: conv, userId: me.userId, displayName: "me" });
      expect(store.typing(conv)).toEqual([{ userId: "u2", displayName: "Bob" }]);
      hub.emit("MessagePosted", message(conv, 1, { senderId: "u2" }));
      expect(store.typing(conv)).toEqual([]);

      hub.emit("Typing", { conversationId: conv, userId: "u3", displayName: "Cy" });
      vi.advanceTimersByTime(7_000);
      expect(store.typing(conv)).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the user's own typing is sent at most once every few seconds", () => {
    let now = 0;
    const hub = new FakeHub();
    const store = new ConversationStore({ hub, history: history(), me, now: () => now });
    store.notifyTyping(conv);
    store.notifyTyping(conv);
    now = 3_500;
    store.notifyTyping(conv);
    expect(hub.calls.filter((c) => c.method === "Typing")).toHaveLength(2);
  });

  it("a refused edit is reported to the user", async () => {
    const { hub, store, errors } = setup();
    hub.failWith = new Error("HubException: [message.forbidden] You are not allowed to change this message.");
    expect(await store.edit(conv, 1, "x")).toBe(false);
    expect(errors).toEqual(["The message could not be edited: You are not allowed to change this message."]);
  });
});
