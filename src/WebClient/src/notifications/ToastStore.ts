import { Store } from "../shell/store";

export type ToastTone = "info" | "success" | "error";

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
  /** Where clicking the toast leads (an app path), if anywhere. */
  href?: string;
}

const lifetimeMs = 6_000;
const maxToasts = 4;

/** Short-lived messages in the corner: new messages elsewhere, mentions, failures. */
export class ToastStore extends Store<readonly Toast[]> {
  private nextId = 1;

  constructor() {
    super([]);
  }

  show(text: string, tone: ToastTone = "info", href?: string): void {
    const toast: Toast = { id: this.nextId++, tone, text, href };
    this.update((list) => [...list, toast].slice(-maxToasts));
    setTimeout(() => this.dismiss(toast.id), tone === "error" ? lifetimeMs * 2 : lifetimeMs);
  }

  error(text: string): void {
    this.show(text, "error");
  }

  dismiss(id: number): void {
    this.update((list) => (list.some((t) => t.id === id) ? list.filter((t) => t.id !== id) : list));
  }
}
