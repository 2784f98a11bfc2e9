import type { ChatHubApi } from "../hub/ChatHub";
import type { Presence } from "../hub/protocol";
import { Store } from "../shell/store";

export interface PresenceInfo {
  presence: Presence;
  customStatus: string | null;
}

/** Presence of every user the client has heard of: seeded by REST answers, kept live by PresenceChanged. */
export class PresenceStore extends Store<ReadonlyMap<string, PresenceInfo>> {
  private readonly dispose: () => void;

  constructor(hub: ChatHubApi) {
    super(new Map());
    this.dispose = hub.on("PresenceChanged", (e) =>
      this.seed([{ userId: e.userId, presence: e.presence, customStatus: e.customStatus }]),
    );
  }

  close(): void {
    this.dispose();
  }

  seed(entries: readonly { userId: string; presence: Presence; customStatus?: string | null }[]): void {
    if (entries.length === 0) return;
    const next = new Map(this.get());
    for (const e of entries) next.set(e.userId, { presence: e.presence, customStatus: e.customStatus ?? null });
    this.set(next);
  }
}

export function presenceLabel(presence: Presence): string {
  return presence === "online" ? "Online" : presence === "away" ? "Away" : "Offline";
}
