import { messagesApi } from "../api/chatApi";
import type { UserSummary } from "../api/types";
import type { SessionStore } from "../auth/session";
import { ConversationStore } from "../conversation/conversationStore";
import { ChatHub } from "../hub/ChatHub";
import { dmPeer, parseConversationId } from "../hub/protocol";
import { notifyInBrowser } from "../notifications/browserNotifications";
import { NotificationStore } from "../notifications/NotificationStore";
import { ToastStore } from "../notifications/ToastStore";
import { UnreadStore } from "../notifications/UnreadStore";
import { PresenceStore } from "../people/PresenceStore";
import { MyConversationsStore } from "../rooms/MyConversationsStore";
import { navigate, routes } from "./router";

/** Everything a signed-in user's screens share; created at sign-in, disposed at sign-out. */
export interface Services {
  session: SessionStore;
  me: UserSummary;
  hub: ChatHub;
  conversations: ConversationStore;
  unread: UnreadStore;
  presence: PresenceStore;
  toasts: ToastStore;
  notifications: NotificationStore;
  mine: MyConversationsStore;
  dispose(): void;
}

/** The app path that shows a conversation. */
export function conversationPath(conversationId: string, myUserId: string): string | null {
  const ref = parseConversationId(conversationId);
  if (!ref) return null;
  if (ref.kind === "room") return routes.room(ref.roomId);
  const peer = dmPeer(conversationId, myUserId);
  return peer ? routes.dm(peer) : null;
}

export function createServices(session: SessionStore, me: UserSummary): Services {
  const hub = new ChatHub({ getHubToken: () => session.getHubToken() });
  const toasts = new ToastStore();

  const conversations = new ConversationStore({
    hub,
    me: { userId: me.userId, username: me.username },
    history: {
      latest: (id) => messagesApi.page(id, me.userId, null),
      before: (id, seq) => messagesApi.page(id, me.userId, seq),
      after: (id, seq) => messagesApi.after(id, me.userId, seq),
      reads: (id) => messagesApi.reads(id, me.userId),
    },
    onActionError: (message) => toasts.error(message),
  });


  const conversationName = (conversationId: string): string => {
    const ref = parseConversationId(conversationId);
    if (ref?.kind === "room") {
      const room = mine.get().rooms.find((r) => r.roomId === ref.roomId);
      return room ? `#${room.name}` : "a room";
    }
    return "a direct message";
  };

  const unread = new UnreadStore({
    hub,
    myUserId: me.userId,
    myUsername: me.username,
    onUnseenMessage: (message, mention) => {
      const isDm = message.conversationId.startsWith("dm:");
      if (!isDm && !mention) return;
      const where = isDm ? "" : ` in ${conversationName(message.conversationId)}`;
      const title = mention ? `${message.senderName} mentioned you${where}` : `New message from ${message.senderName}`;
      const href = conversationPath(message.conversationId, me.userId) ?? undefined;
      toasts.show(title, "info", href);
      notifyInBrowser(title, message.text, () => href && navigate(href));
    },
  });

  const mine = new MyConversationsStore(
    hub,
    me.userId,
    (ids) => conversations.watch(ids),
    (positions) => {
      for (const { conversationId, position } of positions) unread.seed(conversationId, position.lastSeq, position.unreadCount);
    },
  );

  const notifications = new NotificationStore(hub, (item) => {
    const href = item.conversationId ? (conversationPath(item.conversationId, me.userId) ?? undefined) : routes.notifications();
    toasts.show(item.text, "info", href);
    notifyInBrowser("OrleansChat", item.text, () => href && navigate(href));
  });

  const presence = new PresenceStore(hub, me.userId);

  const onOnline = () => hub.retryNow();
  window.addEventListener("online", onOnline);

  hub.start();
  void mine.reload();
  void notifications.load();

  return {
    session,
    me,
    hub,
    conversations,
    unread,
    presence,
    toasts,
    notifications,
    mine,
    dispose() {
      window.removeEventListener("online", onOnline);
      conversations.dispose();
      unread.close();
      notifications.close();
      presence.close();
      mine.close();
      void hub.stop();
    },
  };
}
