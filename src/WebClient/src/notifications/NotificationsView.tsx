import { useEffect } from "react";
import { fullDateTime } from "../conversation/time";
import { Link } from "../shell/Link";
import { conversationPath } from "../shell/services";
import { useStore } from "../shell/store";
import { useServices } from "../shell/ServicesContext";
import { Page } from "../shell/ui";

export function NotificationsView() {
  const { notifications, me } = useServices();
  const state = useStore(notifications);

  useEffect(() => notifications.markAllSeen(), [notifications, state.items.length]);

  return (
    <Page title="Notifications">
      {state.error && <p className="muted">Earlier notifications are unavailable: {state.error}</p>}
      {state.items.length === 0 ? (
        <p className="muted">Nothing new.</p>
      ) : (
        <ul className="notification-list">
          {state.items.map((item) => {
            const href = item.conversationId ? conversationPath(item.conversationId, me.userId) : null;
            return (
              <li key={item.id} className={item.read ? "read" : "unread"}>
                <p>
                  {href ? (
                    <Link to={href} onClick={() => notifications.markRead(item.id)}>
                      {item.text}
                    </Link>
                  ) : (
                    item.text
                  )}
                </p>
                <time dateTime={item.createdAt} className="muted">
                  {fullDateTime(item.createdAt)}
                </time>
                {!item.read && (
                  <button type="button" className="link-button" onClick={() => notifications.markRead(item.id)}>
                    Mark read
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
