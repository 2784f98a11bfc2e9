import type { ChatHubApi } from "../hub/ChatHub";
import type { HubEventName, HubEvents, MessageView, SendResult, SubscribeResult } from "../hub/protocol";

export function message(conversationId: string, seq: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    conversationId,
    seq,
    messageId: `m-${conversationId}-${seq}`,
    senderId: "user-other",
    senderName: "other",
    text: `message ${seq}`,
    sentAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    editedAt: null,
    deleted: false,
    replyToSeq: null,
    mentions: [],
    reactions: [],
    ...overrides,
  };
}

export function range(conversationId: string, from: number, to: number, overrides: Partial<MessageView> = {}): MessageView[] {
  const list: MessageView[] = [];
  for (let seq = from; seq <= to; seq++) list.push(message(conversationId, seq, overrides));
  return list;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export interface RecordedSend {
  conversationId: string;
  clientMessageId: string;
  text: string;
  replyToSeq: number | null;
  reply: Deferred<SendResult>;
}

/** A hub whose invocations are recorded and answered by the test. */
export class FakeHub implements ChatHubApi {
  isConnected = true;
  readonly sends: RecordedSend[] = [];
  readonly subscribes: { conversationId: string; lastSeenSeq: number | null; reply: Deferred<SubscribeResult> }[] = [];
  readonly calls: { method: string; args: unknown[] }[] = [];
  /** When set, every invocation fails with this error. */
  failWith: Error | null = null;
  private readonly handlers = new Map<string, Set<(payload: never) => void>>();
  private readonly connected = new Set<(reconnected: boolean) => void>();

  subscribe(conversationId: string, lastSeenSeq: number | null): Promise<SubscribeResult> {
    if (this.failWith) return Promise.reject(this.failWith);
    const reply = deferred<SubscribeResult>();
    this.subscribes.push({ conversationId, lastSeenSeq, reply });
    return reply.promise;
  }

  async unsubscribe(conversationId: string): Promise<void> {
    this.calls.push({ method: "Unsubscribe", args: [conversationId] });
  }

  send(conversationId: string, clientMessageId: string, text: string, replyToSeq: number | null): Promise<SendResult> {
    if (this.failWith) return Promise.reject(this.failWith);
    const reply = deferred<SendResult>();
    this.sends.push({ conversationId, clientMessageId, text, replyToSeq, reply });
    return reply.promise;
  }

  private record(method: string, args: unknown[]): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.calls.push({ method, args });
    return Promise.resolve();
  }

  edit(conversationId: string, seq: number, text: string): Promise<void> {
    return this.record("Edit", [conversationId, seq, text]);
  }

  delete(conversationId: string, seq: number): Promise<void> {
    return this.record("Delete", [conversationId, seq]);
  }

  react(conversationId: string, seq: number, emoji: string): Promise<void> {
    return this.record("React", [conversationId, seq, emoji]);
  }

  typing(conversationId: string): Promise<void> {
    return this.record("Typing", [conversationId]);
  }

  markRead(conversationId: string, seq: number): Promise<void> {
    return this.record("MarkRead", [conversationId, seq]);
  }

  on<E extends HubEventName>(event: E, handler: (payload: HubEvents[E]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    const stored = handler as (payload: never) => void;
    set.add(stored);
    return () => set.delete(stored);
  }

  onConnected(handler: (reconnected: boolean) => void): () => void {
    this.connected.add(handler);
    return () => this.connected.delete(handler);
  }

  emit<E extends HubEventName>(event: E, payload: HubEvents[E]): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (p: HubEvents[E]) => void)(payload);
  }

  /** Simulates a (re)connection. */
  connect(reconnected = true): void {
    this.isConnected = true;
    this.failWith = null;
    for (const handler of this.connected) handler(reconnected);
  }

  disconnect(): void {
    this.isConnected = false;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
