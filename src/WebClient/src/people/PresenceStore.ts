import type { ChatHubApi } from "../hub/ChatHub";
import type { Presence } from "../hub/protocol";
import { Store } from "../shell/store";

export interface PresenceInfo {
  presence: Presence;
  customStatus: string | null;
}

/**
 * Presence of every user the client has heard of: seeded by REST answers, kept live by
 * PresenceChanged. The user's own presence is known first-hand: online while this client's hub
 * connection is up. Answers read on the server before the connection was counted (a reload:
 * the old connection's "offline" can land after the new one is up) do not override that.
 */
export class PresenceStore extends Store<ReadonlyMap<string, PresenceInfo>> {
  private readonly disposers: (() => void)[];
  private readonly hub: ChatHubApi;
  private readonly myUserId: string | null;

  constructor(hub: ChatHubApi, myUserId: string | null = null) {
    super(new Map());
    this.hub = hub;
    this.myUserId = myUserId;
    this.disposers = [
      hub.on("PresenceChanged", (e) => this.seed([{ userId: e.userId, presence: e.presence, customStatus: e.customStatus }])),
      hub.onConnected(() => {
        if (myUserId) this.seed([{ userId: myUserId, presence: "online", customStatus: this.get().get(myUserId)?.customStatus ?? null }]);
      }),
    ];
  }

  close(): void {
    for (const dispose of this.disposers) dispose();
  }

  seed(entries: readonly { userId: string; presence: Presence; customStatus?: string | null }[]): void {
    if (entries.length === 0) return;
    const next = new Map(this.get());
    for (const e of entries) {
      const presence = e.userId === this.myUserId && this.hub.isConnected && e.presence === "offline" ? "online" : e.presence;
      next.set(e.userId, { presence, customStatus: e.customStatus ?? null });
    }
    this.set(next);
  }
}

export function presenceLabel(presence: Presence): string {
  return presence === "online" ? "Online" : presence === "away" ? "Away" : "Offline";
}
