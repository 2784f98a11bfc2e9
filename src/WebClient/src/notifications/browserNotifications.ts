/**
 * Browser (system) notifications, only after the user allowed them with a click on
 * "Enable desktop notifications", and only while the page is hidden: in the foreground the
 * in-app toast is enough.
 */
export type BrowserNotificationPermission = NotificationPermission | "unsupported";

export function notificationPermission(): BrowserNotificationPermission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

export async function requestNotificationPermission(): Promise<BrowserNotificationPermission> {
  if (typeof Notification === "undefined") return "unsupported";
  return Notification.requestPermission();
}

export function notifyInBrowser(title: string, body: string, onClick?: () => void): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  if (typeof document !== "undefined" && document.visibilityState === "visible") return;
  // Plain text only: the Notifications API never renders HTML.
  const notification = new Notification(title, { body: body.slice(0, 200), tag: title });
  notification.onclick = () => {
    window.focus();
    onClick?.();
    notification.close();
  };
}
