import type { ChatHubApi } from "../hub/ChatHub";
import type { MessageView } from "../hub/protocol";
import { Store } from "../shell/store";
import { countMessage, emptyUnread, markRead, mentionsMe, seedUnread, type UnreadState } from "./unread";

export interface UnreadStoreOptions {
  hub: ChatHubApi;
  myUserId: string;
  myUsername: string;
  /** A new message arrived in a conversation the user is not looking at. */
  onUnseenMessage?: (message: MessageView, mention: boolean) => void;
}

/** Unread badges per conversation, fed by the hub's MessagePosted events. */
export class UnreadStore extends Store<UnreadState> {
  private viewing: string | null = null;
  private readonly dispose: () => void;
  private readonly options: UnreadStoreOptions;

  constructor(options: UnreadStoreOptions) {
    super(emptyUnread);
    this.options = options;
    this.dispose = options.hub.on("MessagePosted", (message) => this.count(message));
  }

  close(): void {
    this.dispose();
  }

  /** The conversation the user is looking at (null when none, or the window is hidden). */
  setViewing(conversationId: string | null): void {
    this.viewing = conversationId;
  }

  count(message: MessageView): void {
    const before = this.get();
    const after = countMessage(before, message, {
      myUserId: this.options.myUserId,
      myUsername: this.options.myUsername,
      viewing: this.viewing,
    });
    this.set(after);
    if (after.counts !== before.counts) {
      this.options.onUnseenMessage?.(message, mentionsMe(message, this.options.myUserId, this.options.myUsername));
    }
  }

  /**
   * The server's count for a conversation (after a reload, or for messages that arrived while
   * the user was away). Ignored where live events already went past the server's position.
   */
  seed(conversationId: string, lastSeq: number, unreadCount: number): void {
    this.set(seedUnread(this.get(), conversationId, lastSeq, this.viewing === conversationId ? 0 : unreadCount));
  }

  read(conversationId: string, seq: number): void {
    this.set(markRead(this.get(), conversationId, seq));
  }
}
