import { describe, expect, it } from "vitest";
import { notificationText } from "./notificationText";

describe("notificationText", () => {
  it("names what happened, followed by the server's text when there is one", () => {
    expect(notificationText("friendAccepted", null)).toBe("Your friend request was accepted");
    expect(notificationText("directMessage", "see you at 8")).toBe("New direct message: see you at 8");
    expect(notificationText("mention", "  ")).toBe("You were mentioned");
  });

  it("falls back to the text, or a plain label, for kinds it does not know", () => {
    expect(notificationText("somethingNew", "hello")).toBe("hello");
    expect(notificationText("somethingNew", "")).toBe("New notification");
  });
});
