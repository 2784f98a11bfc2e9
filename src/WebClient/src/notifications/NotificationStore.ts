import { notificationsApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { NotificationItem } from "../api/types";
import type { ChatHubApi } from "../hub/ChatHub";
import { Store } from "../shell/store";
import { notificationText } from "./notificationText";

export interface NotificationsState {
  items: readonly NotificationItem[];
  /** Ids the user has not opened the notifications panel since. */
  unseen: number;
  error: string | null;
}

/** Friend requests, game invitations, mentions and the like: the bell in the header. */
export class NotificationStore extends Store<NotificationsState> {
  private readonly dispose: () => void;

  constructor(hub: ChatHubApi, onArrived: (item: NotificationItem) => void) {
    super({ items: [], unseen: 0, error: null });
    this.dispose = hub.on("Notification", (event) => {
      const item: NotificationItem = { ...event, id: String(event.id), text: notificationText(event.kind, event.text), read: false };
      if (this.get().items.some((i) => i.id === item.id)) return;
      this.update((s) => ({ ...s, items: [item, ...s.items].slice(0, 200), unseen: s.unseen + 1 }));
      onArrived(item);
    });
  }

  close(): void {
    this.dispose();
  }

  async load(): Promise<void> {
    try {
      const items = await notificationsApi.list();
      this.update((s) => {
        const known = new Set(items.map((i) => i.id));
        return {
          items: [...s.items.filter((i) => !known.has(i.id)), ...items],
          unseen: items.filter((i) => !i.read).length,
          error: null,
        };
      });
    } catch (error) {
      this.update((s) => ({ ...s, error: describeError(error) }));
    }
  }

  markAllSeen(): void {
    this.update((s) => (s.unseen === 0 ? s : { ...s, unseen: 0 }));
  }

  markRead(id: string): void {
    this.update((s) => ({ ...s, items: s.items.map((i) => (i.id === id ? { ...i, read: true } : i)) }));
    void notificationsApi.markRead(id).catch(() => {});
  }
}
