import { describe, expect, it } from "vitest";
import { message } from "../test/fakes";
import { countMessage, emptyUnread, markRead, seedUnread, totalUnread, type UnreadContext } from "./unread";

const ctx: UnreadContext = { myUserId: "me", myUsername: "Mia", viewing: null };

describe("unread counts", () => {
  it("counts others' messages per conversation, once per seq", () => {
    let state = emptyUnread;
    state = countMessage(state, message("room:a", 1), ctx);
    state = countMessage(state, message("room:a", 2), ctx);
    state = countMessage(state, message("room:a", 2), ctx);
    state = countMessage(state, message("room:a", 1), ctx);
    state = countMessage(state, message("dm:x:y", 5), ctx);
    expect(state.counts).toEqual({ "room:a": 2, "dm:x:y": 1 });
    expect(totalUnread(state)).toBe(3);
  });

  it("does not count own messages, deleted ones, or the conversation being viewed", () => {
    let state = emptyUnread;
    state = countMessage(state, message("room:a", 1, { senderId: "me" }), ctx);
    state = countMessage(state, message("room:a", 2, { deleted: true }), ctx);
    state = countMessage(state, message("room:b", 1), { ...ctx, viewing: "room:b" });
    expect(totalUnread(state)).toBe(0);
    expect(state.seen).toEqual({ "room:a": 2, "room:b": 1 });
  });

  it("counts mentions by user id or username, ignoring case", () => {
    let state = emptyUnread;
    state = countMessage(state, message("room:a", 1, { mentions: ["me"] }), ctx);
    state = countMessage(state, message("room:a", 2, { mentions: ["mia"] }), ctx);
    state = countMessage(state, message("room:a", 3, { mentions: ["someone"] }), ctx);
    expect(state.mentions).toEqual({ "room:a": 2 });
    expect(state.counts).toEqual({ "room:a": 3 });
  });

  it("reading clears a conversation's counts and older messages do not come back", () => {
    let state = emptyUnread;
    state = countMessage(state, message("room:a", 1), ctx);
    state = countMessage(state, message("room:a", 2, { mentions: ["me"] }), ctx);
    state = countMessage(state, message("room:b", 1), ctx);
    state = markRead(state, "room:a", 2);
    expect(state.counts).toEqual({ "room:b": 1 });
    expect(state.mentions).toEqual({});
    state = countMessage(state, message("room:a", 2), ctx);
    expect(state.counts["room:a"]).toBeUndefined();
    state = countMessage(state, message("room:a", 3), ctx);
    expect(state.counts["room:a"]).toBe(1);
  });

  it("marking read with nothing unread changes nothing", () => {
    const state = markRead(markRead(emptyUnread, "room:a", 4), "room:a", 4);
    expect(markRead(state, "room:a", 3)).toBe(state);
  });

  it("the server's count is taken after a reload, but never over later live messages", () => {
    const seeded = seedUnread(emptyUnread, "room:a", 7, 3);
    expect(seeded.counts["room:a"]).toBe(3);
    // A live message already counted past the server's position: the seed is stale.
    expect(seedUnread(seeded, "room:a", 6, 5)).toBe(seeded);
    expect(seedUnread(seeded, "room:a", 9, 0).counts["room:a"]).toBeUndefined();
  });
});
