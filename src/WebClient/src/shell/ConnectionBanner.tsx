import { useEffect, useState, useSyncExternalStore } from "react";
import type { ChatHub, ConnectionSnapshot } from "../hub/ChatHub";

export function bannerText(snapshot: ConnectionSnapshot, now: number): string | null {
  switch (snapshot.status) {
    case "connected":
    case "stopped":
      return null;
    case "connecting":
      return "Connecting to chat…";
    case "reconnecting":
      return "Connection lost. Reconnecting…";
    case "offline": {
      if (snapshot.nextRetryAt === null) return "Cannot reach the chat server. Trying again…";
      const seconds = Math.max(0, Math.ceil((snapshot.nextRetryAt - now) / 1000));
      return `Cannot reach the chat server. Retrying in ${seconds} s.`;
    }
  }
}

/** The state of the live connection, announced politely; offline shows a countdown and "Retry now". */
export function ConnectionBanner({ hub }: { hub: ChatHub }) {
  const snapshot = useSyncExternalStore(hub.subscribeState, hub.getSnapshot);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (snapshot.nextRetryAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [snapshot.nextRetryAt]);

  const text = bannerText(snapshot, now);
  return (
    <div className={`connection-banner${text ? ` banner-${snapshot.status}` : " banner-hidden"}`} role="status" data-testid="connection-banner" data-status={snapshot.status}>
      {text && (
        <>
          <span>{text}</span>
          {snapshot.status === "offline" && snapshot.nextRetryAt !== null && (
            <button type="button" className="button-small button-secondary" onClick={() => hub.retryNow()}>
              Retry now
            </button>
          )}
        </>
      )}
    </div>
  );
}
