import { navigate } from "../shell/router";
import { useStore } from "../shell/store";
import type { ToastStore } from "./ToastStore";

export function Toasts({ store }: { store: ToastStore }) {
  const toasts = useStore(store);
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      <div aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === "error" ? "alert" : "status"}>
            {toast.href ? (
              <button
                type="button"
                className="toast-text link-button"
                onClick={() => {
                  navigate(toast.href!);
                  store.dismiss(toast.id);
                }}
              >
                {toast.text}
              </button>
            ) : (
              <span className="toast-text">{toast.text}</span>
            )}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => store.dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
