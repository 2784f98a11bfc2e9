import { describe, expect, it } from "vitest";
import { applyMention, findMentionQuery, suggestMentions, type MentionCandidate } from "./mentions";

const members: MentionCandidate[] = [
  { userId: "1", username: "alice", displayName: "Alice Liddell" },
  { userId: "2", username: "bob", displayName: "Robert Paulson" },
  { userId: "3", username: "al.capone", displayName: "Al" },
  { userId: "4", username: "xander", displayName: "Lizzie Bennet" },
  { userId: "5", username: "me", displayName: "Myself" },
];

describe("finding the mention being typed", () => {
  it("finds the partial name before the caret", () => {
    expect(findMentionQuery("hi @al", 6)).toEqual({ start: 3, end: 6, query: "al" });
    expect(findMentionQuery("@", 1)).toEqual({ start: 0, end: 1, query: "" });
    expect(findMentionQuery("(@bo", 4)).toEqual({ start: 1, end: 4, query: "bo" });
  });

  it("ignores e-mail addresses, text after a space, and a caret before the @", () => {
    expect(findMentionQuery("mail me@example.org", 19)).toBeNull();
    expect(findMentionQuery("@al ice", 7)).toBeNull();
    expect(findMentionQuery("x @al", 1)).toBeNull();
  });

  it("works with the caret in the middle of the text", () => {
    expect(findMentionQuery("hey @bo and more", 7)).toEqual({ start: 4, end: 7, query: "bo" });
  });
});

describe("ranking suggestions", () => {
  it("puts username prefixes first, then display-name prefixes, then word prefixes, then substrings", () => {
    const names = suggestMentions("al", members).map((m) => m.username);
    expect(names).toEqual(["al.capone", "alice"]);
    expect(suggestMentions("li", members).map((m) => m.username)).toEqual(["xander", "alice"]);
    expect(suggestMentions("ander", members).map((m) => m.username)).toEqual(["xander"]);
  });

  it("is case-insensitive, excludes the user, limits the list and lists everyone for a bare @", () => {
    expect(suggestMentions("ROB", members).map((m) => m.username)).toEqual(["bob"]);
    expect(suggestMentions("", members, { excludeUserId: "5" }).map((m) => m.username)).toEqual(["al.capone", "alice", "bob", "xander"]);
    expect(suggestMentions("", members, { limit: 2 })).toHaveLength(2);
    expect(suggestMentions("zzz", members)).toEqual([]);
  });

  it("lists a member once even if the member list repeats", () => {
    expect(suggestMentions("bo", [...members, members[1]!])).toHaveLength(1);
  });
});

describe("accepting a suggestion", () => {
  it("replaces the partial name with @username and a space, caret after it", () => {
    const text = "hi @al";
    expect(applyMention(text, findMentionQuery(text, 6)!, "alice")).toEqual({ text: "hi @alice ", caret: 10 });
  });

  it("keeps the text after the caret and swallows the rest of a half-typed name", () => {
    const text = "hi @alxx, welcome";
    const q = findMentionQuery(text, 6)!;
    expect(applyMention(text, q, "alice")).toEqual({ text: "hi @alice, welcome", caret: 9 });
    const spaced = "hi @al and bob";
    expect(applyMention(spaced, findMentionQuery(spaced, 6)!, "alice")).toEqual({ text: "hi @alice and bob", caret: 9 });
  });
});
