import {
  HttpTransportType,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
} from "@microsoft/signalr";
import { HubUnavailableError } from "./errors";
import { hubEventNames, hubPath, type HubEventName, type HubEvents, type SendResult, type SubscribeResult } from "./protocol";

/** The hub's invocations and events, as the rest of the client sees them (tests substitute a fake). */
export interface ChatHubApi {
  readonly isConnected: boolean;
  subscribe(conversationId: string, lastSeenSeq: number | null): Promise<SubscribeResult>;
  unsubscribe(conversationId: string): Promise<void>;
  send(conversationId: string, clientMessageId: string, text: string, replyToSeq: number | null): Promise<SendResult>;
  edit(conversationId: string, seq: number, text: string): Promise<void>;
  delete(conversationId: string, seq: number): Promise<void>;
  react(conversationId: string, seq: number, emoji: string): Promise<void>;
  typing(conversationId: string): Promise<void>;
  markRead(conversationId: string, seq: number): Promise<void>;
  on<E extends HubEventName>(event: E, handler: (payload: HubEvents[E]) => void): () => void;
  /** Called after every successful (re)connection; `reconnected` is false the first time. */
  onConnected(handler: (reconnected: boolean) => void): () => void;
}

export type ConnectionStatus = "stopped" | "connecting" | "connected" | "reconnecting" | "offline";

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Failed attempts since the last successful connection. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while waiting. */
  nextRetryAt: number | null;
}

export interface ChatHubOptions {
  /** Hub URL; defaults to /hubs/chat on this origin. */
  url?: string;
  /** Delays between attempts (ms); the last one repeats. */
  retryDelays?: readonly number[];
  /** The credential for the handshake's `access_token`: the session's hub token (refreshed when due). */
  getHubToken(): Promise<string | null>;
}

/** Immediate first retry (a blip), then backing off to 30 s; never giving up while signed in. */
const defaultDelays = [0, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000];
/** After this many failed attempts the banner says "offline" rather than "reconnecting". */
const offlineAfterAttempts = 3;

/**
 * One SignalR connection to /hubs/chat with its own reconnect loop. SignalR's built-in automatic
 * reconnect only covers connections that were once up; this loop covers the first connection
 * too, retries forever with backoff and jitter, and tells listeners when a connection is up so
 * they can re-subscribe with the last sequence they saw (catch-up).
 *
 * WebSockets without negotiation: the hub token (a short credential the gateway accepts only
 * there; the server keeps the URL for the connection's life) travels as `access_token` on the handshake,
 * and no negotiate round trip ties the connection to one gateway replica (no sticky sessions).
 */
export class ChatHub implements ChatHubApi {
  private readonly connection: HubConnection;
  private readonly delays: readonly number[];
  private readonly eventHandlers = new Map<HubEventName, Set<(payload: never) => void>>();
  private readonly connectedHandlers = new Set<(reconnected: boolean) => void>();
  private readonly stateListeners = new Set<() => void>();
  private snapshot: ConnectionSnapshot = { status: "stopped", attempt: 0, nextRetryAt: null };
  private running = false;
  private everConnected = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly getToken: () => Promise<string | null>;

  constructor(options: ChatHubOptions) {
    this.delays = options.retryDelays ?? defaultDelays;
    this.getToken = options.getHubToken;
    this.connection = new HubConnectionBuilder()
      .withUrl(options.url ?? hubPath, {
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: async () => (await this.getToken()) ?? "",
      })
      .configureLogging(LogLevel.None)
      .build();

    for (const name of hubEventNames) {
      this.connection.on(name, (payload: unknown) => {
        for (const handler of this.eventHandlers.get(name) ?? []) {
          try {
            (handler as (p: unknown) => void)(payload);
          } catch (error) {
            console.error(`Handler for ${name} failed`, error);
          }
        }
      });
    }
    this.connection.onclose(() => {
      if (!this.running) return;
      this.setSnapshot({ status: "reconnecting", attempt: 0, nextRetryAt: null });
      this.schedule();
    });
  }

  get isConnected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setSnapshot({ status: "connecting", attempt: 0, nextRetryAt: null });
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    this.setSnapshot({ status: "stopped", attempt: 0, nextRetryAt: null });
    try {
      await this.connection.stop();
    } catch {
      // Stopping a connection that never came up can fail; there is nothing left to clean.
    }
  }

  /** Skips the wait before the next attempt (the banner's "Retry now", or the browser going online). */
  retryNow(): void {
    if (!this.running || this.connection.state !== HubConnectionState.Disconnected || this.timer === null) return;
    this.clearTimer();
    void this.attempt();
  }

  private async attempt(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    if (this.snapshot.nextRetryAt !== null) {
      this.setSnapshot({ ...this.snapshot, nextRetryAt: null });
    }
    let token: string | null = null;
    try {
      token = await this.getToken();
    } catch {
      // A refresh that failed on the network: treat it like a failed connection attempt.
    }
    if (!this.running) return;
    if (token === null) {
      this.fail();
      return;
    }
    try {
      await this.connection.start();
    } catch {
      this.fail();
      return;
    }
    if (!this.running) {
      await this.connection.stop();
      return;
    }
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.setSnapshot({ status: "connected", attempt: 0, nextRetryAt: null });
    for (const handler of this.connectedHandlers) {
      try {
        handler(reconnected);
      } catch (error) {
        console.error("onConnected handler failed", error);
      }
    }
  }

  private fail(): void {
    if (!this.running) return;
    const attempt = this.snapshot.attempt + 1;
    const status: ConnectionStatus =
      attempt >= offlineAfterAttempts ? "offline" : this.everConnected ? "reconnecting" : "connecting";
    this.setSnapshot({ status, attempt, nextRetryAt: null });
    this.schedule();
  }

  private schedule(): void {
    this.clearTimer();
    const base = this.delays[Math.min(this.snapshot.attempt, this.delays.length - 1)] ?? 30_000;
    // ±20% jitter so that a gateway restart is not met by every client at the same instant.
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.setSnapshot({ ...this.snapshot, nextRetryAt: Date.now() + delay });
    this.timer = setTimeout(() => void this.attempt(), delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private setSnapshot(snapshot: ConnectionSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.stateListeners) listener();
  }

  private invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    if (!this.isConnected) return Promise.reject(new HubUnavailableError());
    return this.connection.invoke<T>(method, ...args);
  }

  subscribe(conversationId: string, lastSeenSeq: number | null): Promise<SubscribeResult> {
    return this.invoke("Subscribe", conversationId, lastSeenSeq);
  }

  unsubscribe(conversationId: string): Promise<void> {
    return this.invoke("Unsubscribe", conversationId);
  }

  send(conversationId: string, clientMessageId: string, text: string, replyToSeq: number | null): Promise<SendResult> {
    return this.invoke("Send", conversationId, clientMessageId, text, replyToSeq);
  }

  edit(conversationId: string, seq: number, text: string): Promise<void> {
    return this.invoke("Edit", conversationId, seq, text);
  }

  delete(conversationId: string, seq: number): Promise<void> {
    return this.invoke("Delete", conversationId, seq);
  }

  react(conversationId: string, seq: number, emoji: string): Promise<void> {
    return this.invoke("React", conversationId, seq, emoji);
  }

  typing(conversationId: string): Promise<void> {
    return this.invoke("Typing", conversationId);
  }

  markRead(conversationId: string, seq: number): Promise<void> {
    return this.invoke("MarkRead", conversationId, seq);
  }

  on<E extends HubEventName>(event: E, handler: (payload: HubEvents[E]) => void): () => void {
    let set = this.eventHandlers.get(event);
    if (!set) {
      set = new Set();
      this.eventHandlers.set(event, set);
    }
    const stored = handler as (payload: never) => void;
    set.add(stored);
    return () => set.delete(stored);
  }

  onConnected(handler: (reconnected: boolean) => void): () => void {
    this.connectedHandlers.add(handler);
    return () => this.connectedHandlers.delete(handler);
  }
}
