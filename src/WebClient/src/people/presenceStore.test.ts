import { describe, expect, it } from "vitest";
import { FakeHub } from "../test/fakes";
import { PresenceStore } from "./PresenceStore";

describe("PresenceStore", () => {
  it("keeps the user's own presence online while connected, whatever a late answer says", () => {
    const hub = new FakeHub();
    hub.isConnected = false;
    const store = new PresenceStore(hub, "me");
    store.seed([{ userId: "me", presence: "offline" }]);
    expect(store.get().get("me")?.presence).toBe("offline");

    hub.connect(false);
    expect(store.get().get("me")?.presence).toBe("online");
    // A member list read before this connection was counted, and the old tab's "offline".
    store.seed([{ userId: "me", presence: "offline", customStatus: "busy" }]);
    hub.emit("PresenceChanged", { userId: "me", presence: "offline", customStatus: "busy" });
    expect(store.get().get("me")).toEqual({ presence: "online", customStatus: "busy" });
  });

  it("takes other users' presence as reported", () => {
    const hub = new FakeHub();
    const store = new PresenceStore(hub, "me");
    store.seed([{ userId: "bob", presence: "online" }]);
    hub.emit("PresenceChanged", { userId: "bob", presence: "offline", customStatus: null });
    expect(store.get().get("bob")?.presence).toBe("offline");
  });

  it("does not let an answer sent before an event override it, and takes one sent after", async () => {
    const hub = new FakeHub();
    const store = new PresenceStore(hub, "me");
    let answer!: (list: { userId: string; presence: "online" | "offline" }[]) => void;
    // The friend list is read while bob is online; his "offline" arrives before the answer does.
    const seeded = store.seedFrom(new Promise<{ userId: string; presence: "online" | "offline" }[]>((resolve) => (answer = resolve)), (d) => d);
    hub.emit("PresenceChanged", { userId: "bob", presence: "offline", customStatus: null });
    answer([{ userId: "bob", presence: "online" }, { userId: "carol", presence: "online" }]);
    await seeded;
    expect(store.get().get("bob")?.presence).toBe("offline");
    expect(store.get().get("carol")?.presence).toBe("online");

    // A request sent after the event: its answer is the newer word.
    await store.seedFrom(Promise.resolve([{ userId: "bob", presence: "online" as const }]), (d) => d);
    expect(store.get().get("bob")?.presence).toBe("online");
  });
});
