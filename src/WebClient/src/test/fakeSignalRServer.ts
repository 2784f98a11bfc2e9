import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

const recordSeparator = "\u001e";

export interface Invocation {
  target: string;
  arguments: unknown[];
  invocationId?: string;
}

/**
 * A minimal SignalR server speaking the JSON hub protocol over WebSockets (handshake,
 * invocations with completions, server-to-client invocations, pings), enough to check the
 * client's hub layer against docs/hub-protocol.md without the gateway.
 */
export class FakeSignalRServer {
  readonly invocations: Invocation[] = [];
  readonly connectionUrls: string[] = [];
  /** The bearer token of each connection: from access_token (browsers) or the Authorization header (Node). */
  readonly connectionTokens: (string | null)[] = [];
  /** Answers an invocation: the result, or a thrown Error whose message becomes the completion error. */
  handler: (invocation: Invocation) => unknown = () => null;
  private readonly server: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();

  private constructor(server: WebSocketServer) {
    this.server = server;
    server.on("connection", (socket, request) => {
      this.connectionUrls.push(request.url ?? "");
      const query = new URL(request.url ?? "/", "http://localhost").searchParams.get("access_token");
      const header = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? null;
      this.connectionTokens.push(query ?? header);
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      let handshakeDone = false;
      socket.on("message", (data) => {
        for (const frame of data.toString().split(recordSeparator)) {
          if (frame.length === 0) continue;
          const message = JSON.parse(frame) as Record<string, unknown>;
          if (!handshakeDone) {
            handshakeDone = true;
            socket.send(`{}${recordSeparator}`);
            continue;
          }
          if (message.type === 1) void this.invoke(socket, message as unknown as Invocation);
        }
      });
    });
  }

  static start(): Promise<FakeSignalRServer> {
    return new Promise((resolve) => {
      const server: WebSocketServer = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/hubs/chat" }, () => resolve(new FakeSignalRServer(server)));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hubs/chat`;
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** A server event (a client method invocation without an id). */
  emit(target: string, payload: unknown): void {
    const frame = JSON.stringify({ type: 1, target, arguments: [payload] }) + recordSeparator;
    for (const socket of this.sockets) socket.send(frame);
  }

  /** Cuts every connection abruptly, as a crashed gateway would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async invoke(socket: WebSocket, invocation: Invocation): Promise<void> {
    this.invocations.push(invocation);
    let reply: Record<string, unknown>;
    try {
      const result = await this.handler(invocation);
      reply = { type: 3, invocationId: invocation.invocationId, result: result ?? null };
    } catch (error) {
      reply = { type: 3, invocationId: invocation.invocationId, error: (error as Error).message };
    }
    if (invocation.invocationId !== undefined) socket.send(JSON.stringify(reply) + recordSeparator);
  }
}

/** Polls `condition` until it holds, failing with `expected` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, expected: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${expected}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
