import { describe, expect, it } from "vitest";
import { HubUnavailableError, parseHubError } from "./errors";

describe("hub error codes", () => {
  it("reads the code from a HubException wrapped by the server", () => {
    const error = new Error("An unexpected error occurred invoking 'Send' on the server. HubException: [room.banned] You are banned from this room.");
    expect(parseHubError(error)).toEqual({ code: "room.banned", message: "You are banned from this room.", retryable: false, connectionLost: false });
  });

  it("reads a code at the start of the message", () => {
    expect(parseHubError(new Error("[rate_limited] Slow down."))).toMatchObject({ code: "rate_limited", message: "Slow down.", retryable: true });
    expect(parseHubError("[message.too_long] The message is too long.")).toMatchObject({ code: "message.too_long" });
  });

  it("uses the code as the text when the server gave none", () => {
    expect(parseHubError(new Error("HubException: [room.muted]"))).toMatchObject({ code: "room.muted", message: "room.muted" });
  });

  it("does not take brackets inside the text for a code", () => {
    const error = new Error("HubException: [message.rejected] Rejected: [spam] detected");
    expect(parseHubError(error)).toMatchObject({ code: "message.rejected", message: "Rejected: [spam] detected" });
    expect(parseHubError(new Error("Something [weird] happened"))).toMatchObject({ code: "unknown" });
  });

  it("marks rate limits and unavailability as retryable, refusals as final", () => {
    expect(parseHubError(new Error("HubException: [message.rate_limited] Too fast")).retryable).toBe(true);
    expect(parseHubError(new Error("HubException: [server.unavailable] Later")).retryable).toBe(true);
    expect(parseHubError(new Error("HubException: [user.blocked] No")).retryable).toBe(false);
  });

  it("recognises a lost connection", () => {
    for (const text of [
      "Invocation canceled due to the underlying connection being closed.",
      "Cannot send data if the connection is not in the 'Connected' State.",
      "WebSocket closed with status code: 1006 ().",
    ]) {
      expect(parseHubError(new Error(text))).toMatchObject({ code: "connection.closed", retryable: true, connectionLost: true });
    }
    expect(parseHubError(new HubUnavailableError())).toMatchObject({ connectionLost: true });
  });

  it("handles values that are not errors", () => {
    expect(parseHubError(undefined)).toMatchObject({ code: "unknown", message: "The chat server refused the request." });
    expect(parseHubError(42)).toMatchObject({ code: "unknown", message: "42" });
  });
});
