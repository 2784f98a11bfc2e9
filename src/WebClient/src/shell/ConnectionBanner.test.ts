import { describe, expect, it } from "vitest";
import { bannerText } from "./ConnectionBanner";

describe("connection banner", () => {
  it("says nothing while connected and describes every other state", () => {
    expect(bannerText({ status: "connected", attempt: 0, nextRetryAt: null }, 0)).toBeNull();
    expect(bannerText({ status: "connecting", attempt: 0, nextRetryAt: null }, 0)).toBe("Connecting to chat…");
    expect(bannerText({ status: "reconnecting", attempt: 1, nextRetryAt: 500 }, 0)).toBe("Connection lost. Reconnecting…");
    expect(bannerText({ status: "offline", attempt: 4, nextRetryAt: 12_400 }, 1_000)).toBe("Cannot reach the chat server. Retrying in 12 s.");
    expect(bannerText({ status: "offline", attempt: 4, nextRetryAt: null }, 0)).toBe("Cannot reach the chat server. Trying again…");
  });
});
