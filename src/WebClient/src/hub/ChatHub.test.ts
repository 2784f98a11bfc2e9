import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeSignalRServer, waitFor } from "../test/fakeSignalRServer";
import { message } from "../test/fakes";
import { ChatHub } from "./ChatHub";
import { parseHubError } from "./errors";
import type { MessageView } from "./protocol";

let server: FakeSignalRServer;
let hub: ChatHub | null = null;
let tokens = 0;

function createHub(): ChatHub {
  hub = new ChatHub({ url: server.url, retryDelays: [0, 50], getHubToken: async () => `token-${++tokens}` });
  return hub;
}

async function connected(h: ChatHub): Promise<void> {
  await waitFor(() => h.getSnapshot().status === "connected", "the hub is connected");
}

beforeEach(async () => {
  tokens = 0;
  server = await FakeSignalRServer.start();
});

afterEach(async () => {
  await hub?.stop();
  hub = null;
  await server.close();
});

describe("ChatHub against a SignalR server (docs/hub-protocol.md)", () => {
  it("connects over WebSockets with the bearer token and invokes each method with the documented arguments", async () => {
    server.handler = (invocation) => {
      if (invocation.target === "Subscribe") return { conversationId: "room:r1", missed: [], latestSeq: 7 };
      if (invocation.target === "Send") return { seq: 8, messageId: "m8", sentAt: "2026-01-01T00:00:00Z" };
      return null;
    };
    const h = createHub();
    h.start();
    await connected(h);
    // Browsers put it in access_token (the browser tests cover that path); under Node the
    // SignalR client sends an Authorization header instead.
    expect(server.connectionUrls[0]).toMatch(/^\/hubs\/chat/);
    expect(server.connectionTokens).toHaveLength(1);
    expect(server.connectionTokens[0]).toMatch(/^token-\d+$/);

    expect(await h.subscribe("room:r1", 6)).toEqual({ conversationId: "room:r1", missed: [], latestSeq: 7 });
    expect(await h.send("room:r1", "c-1", "hello", null)).toEqual({ seq: 8, messageId: "m8", sentAt: "2026-01-01T00:00:00Z" });
    await h.edit("room:r1", 8, "hello!");
    await h.react("room:r1", 8, "👍");
    await h.typing("room:r1");
    await h.markRead("room:r1", 8);
    await h.delete("room:r1", 8);
    await h.unsubscribe("room:r1");

    expect(server.invocations.map((i) => [i.target, i.arguments])).toEqual([
      ["Subscribe", ["room:r1", 6]],
      ["Send", ["room:r1", "c-1", "hello", null]],
      ["Edit", ["room:r1", 8, "hello!"]],
      ["React", ["room:r1", 8, "👍"]],
      ["Typing", ["room:r1"]],
      ["MarkRead", ["room:r1", 8]],
      ["Delete", ["room:r1", 8]],
      ["Unsubscribe", ["room:r1"]],
    ]);
  });

  it("delivers server events to their handlers", async () => {
    const h = createHub();
    const posted: MessageView[] = [];
    const typing: unknown[] = [];
    h.on("MessagePosted", (m) => posted.push(m));
    h.on("Typing", (t) => typing.push(t));
    h.start();
    await connected(h);

    server.emit("MessagePosted", message("room:r1", 3));
    server.emit("Typing", { conversationId: "room:r1", userId: "u2", displayName: "Bob" });
    await waitFor(() => posted.length === 1 && typing.length === 1, "both events arrived");
    expect(posted[0]).toEqual(message("room:r1", 3));
    expect(typing[0]).toEqual({ conversationId: "room:r1", userId: "u2", displayName: "Bob" });
  });

  it("a HubException's code survives the trip through the SignalR client", async () => {
    server.handler = () => {
      throw new Error("An unexpected error occurred invoking 'Send' on the server. HubException: [room.banned] You are banned from this room.");
    };
    const h = createHub();
    h.start();
    await connected(h);
    const error = await h.send("room:r1", "c-1", "x", null).catch((e: unknown) => e);
    expect(parseHubError(error)).toMatchObject({ code: "room.banned", message: "You are banned from this room.", connectionLost: false });
  });

  it("reconnects after the connection drops, with a fresh token, and reports it as a reconnect", async () => {
    const h = createHub();
    const connections: boolean[] = [];
    h.onConnected((reconnected) => connections.push(reconnected));
    h.start();
    await connected(h);
    expect(connections).toEqual([false]);

    server.dropConnections();
    await waitFor(() => connections.length === 2, "the hub reconnected");
    expect(connections).toEqual([false, true]);
    expect(h.getSnapshot().status).toBe("connected");
    expect(server.connectionTokens).toHaveLength(2);
    expect(server.connectionTokens[1]).toMatch(/^token-/);
    expect(server.connectionTokens[1]).not.toBe(server.connectionTokens[0]);
  });

  it("keeps trying while the server is unreachable and reports being offline", async () => {
    const port = new URL(server.url).port;
    await server.close();
    const h = new ChatHub({ url: `http://127.0.0.1:${port}/hubs/chat`, retryDelays: [0, 20], getHubToken: async () => "t" });
    hub = h;
    h.start();
    await waitFor(() => h.getSnapshot().status === "offline", "the hub reports offline");
    expect(h.getSnapshot().nextRetryAt).not.toBeNull();
    const error = await h.send("room:r1", "c", "x", null).catch((e: unknown) => e);
    expect(parseHubError(error)).toMatchObject({ connectionLost: true, retryable: true });
    server = await FakeSignalRServer.start(); // for afterEach
  });

  it("stops for good when told to", async () => {
    const h = createHub();
    h.start();
    await connected(h);
    await h.stop();
    expect(h.getSnapshot().status).toBe("stopped");
    await waitFor(() => server.connectionCount === 0, "the server saw the connection close");
  });
});
