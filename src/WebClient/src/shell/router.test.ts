import { describe, expect, it } from "vitest";
import { isAppPath, parseRoute, routes } from "./router";

describe("routes", () => {
  it("parses every screen's path and round-trips ids", () => {
    expect(parseRoute("/")).toEqual({ name: "home" });
    expect(parseRoute("/login")).toEqual({ name: "login" });
    expect(parseRoute("/rooms")).toEqual({ name: "directory" });
    const odd = "a b/c?d";
    expect(parseRoute(routes.room(odd))).toEqual({ name: "room", roomId: odd });
    expect(parseRoute(routes.roomSettings("r1"))).toEqual({ name: "roomSettings", roomId: "r1" });
    expect(parseRoute(routes.dm("u1"))).toEqual({ name: "dm", userId: "u1" });
    expect(parseRoute(routes.profile("u2"))).toEqual({ name: "profile", userId: "u2" });
    expect(parseRoute("/friends/")).toEqual({ name: "friends" });
  });

  it("treats unknown or malformed paths as not found", () => {
    expect(parseRoute("/nope").name).toBe("notFound");
    expect(parseRoute("/rooms/%E0%A4%A").name).toBe("notFound");
    expect(parseRoute("/rooms/a/b/c").name).toBe("notFound");
  });

  it("navigates only to paths of this app", () => {
    expect(isAppPath("/rooms/1")).toBe(true);
    expect(isAppPath("//evil.example")).toBe(false);
    expect(isAppPath("/\\evil.example")).toBe(false);
    expect(isAppPath("javascript:alert(1)")).toBe(false);
    expect(isAppPath("https://evil.example")).toBe(false);
  });
});
