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
});
