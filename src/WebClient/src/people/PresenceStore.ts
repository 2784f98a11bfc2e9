import type { ChatHubApi } from "../hub/ChatHub";
import type { Presence } from "../hub/protocol";
import { Store } from "../shell/store";

export interface PresenceInfo {
  presence: Presence;
  customStatus: string | null;
}

export interface PresenceEntry {
  userId: string;
  presence: Presence;
  customStatus?: string | null;
}

/**
 * Presence of every user the client has heard of: seeded by REST answers, kept live by
 * PresenceChanged. The user's own presence is known first-hand: online while this client's hub
 * connection is up. Answers read on the server before the connection was counted (a reload:
 * the old connection's "offline" can land after the new one is up) do not override that.
 *
 * An answer can also be older than an event that overtook it: a friend list read on the server
 * while the friend was online, answered after their "offline" arrived. So each event is numbered
 * as it arrives, an answer is seeded with the number current when its request was sent, and it
 * does not override a user whose event came later (a change after the server's read sends
 * another event, so the event is never the staler of the two).
 */
export class PresenceStore extends Store<ReadonlyMap<string, PresenceInfo>> {
  private readonly disposers: (() => void)[];
  private readonly hub: ChatHubApi;
  private readonly myUserId: string | null;
  /** Number of PresenceChanged events received so far, and, per user, that number at their last one. */
  private events = 0;
  private readonly lastEvent = new Map<string, number>();

  constructor(hub: ChatHubApi, myUserId: string | null = null) {
    super(new Map());
    this.hub = hub;
    this.myUserId = myUserId;
    this.disposers = [
      hub.on("PresenceChanged", (e) => {
        this.lastEvent.set(e.userId, ++this.events);
        this.seed([{ userId: e.userId, presence: e.presence, customStatus: e.customStatus }]);
      }),
      hub.onConnected(() => {
        if (myUserId) this.seed([{ userId: myUserId, presence: "online", customStatus: this.get().get(myUserId)?.customStatus ?? null }]);
      }),
    ];
  }

  close(): void {
    for (const dispose of this.disposers) dispose();
  }

  /**
   * Sends nothing itself: takes a request just sent and seeds what `entries` picks
   * from its answer, except users whose presence changed by event after the request was sent.
   */
  async seedFrom<T>(answer: Promise<T>, entries: (data: T) => readonly PresenceEntry[]): Promise<T> {
    const asOf = this.events;
    const data = await answer;
    this.seed(entries(data), asOf);
    return data;
  }

  /** Seeds entries; with `asOf`, only users without an event numbered after it. */
  seed(entries: readonly PresenceEntry[], asOf = Number.POSITIVE_INFINITY): void {
    if (entries.length === 0) return;
    const next = new Map(this.get());
    for (const e of entries) {
      if ((this.lastEvent.get(e.userId) ?? 0) > asOf) continue;
      const presence = e.userId === this.myUserId && this.hub.isConnected && e.presence === "offline" ? "online" : e.presence;
      next.set(e.userId, { presence, customStatus: e.customStatus ?? null });
    }
    this.set(next);
  }
}

export function presenceLabel(presence: Presence): string {
  return presence === "online" ? "Online" : presence === "away" ? "Away" : "Offline";
}
