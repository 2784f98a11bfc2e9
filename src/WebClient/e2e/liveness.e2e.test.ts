import type { Browser, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articles, composer, desktop, launchBrowser, messageLog, openPage, signUp, uniqueName, userIdOf, type Watched } from "./support";

/*
 * What keeps two users in touch when things go wrong or they look away: the hub connection is
 * cut and comes back (catch-up without gaps or duplicates, queued sends delivered), and a
 * message for someone in another tab becomes a browser notification once they allowed it.
 */

let browser: Browser;
let alice: Watched;
let bob: Watched;
const aliceName = uniqueName("alice");
const bobName = uniqueName("bob");
let roomPath = "";

// Bob's hub traffic passes through this proxy, so the test can cut it like a network would.
let hubDown = false;
let bobSocket: WebSocketRoute | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  alice = await openPage(browser, desktop);
  bob = await openPage(browser, desktop);
  alice.context.setDefaultTimeout(15_000);
  bob.context.setDefaultTimeout(15_000);
  await bob.page.routeWebSocket(/\/hubs\/chat/, (ws) => {
    if (hubDown) {
      void ws.close({ code: 1011, reason: "network down (test)" });
      return;
    }
    ws.connectToServer();
    bobSocket = ws;
  });
  // Bob's page records browser notifications (headless Chromium shows none) and can be put in
  // the background like a tab the user switched away from.
  await bob.context.addInitScript(() => {
    const w = window as unknown as { __notes: { title: string; body: string }[]; __hidden: boolean };
    w.__notes = [];
    w.__hidden = false;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.__notes.push({ title, body: options?.body ?? "" });
      }
    }
    Object.defineProperty(window, "Notification", { value: Recording, configurable: true, writable: true });
    Object.defineProperty(document, "visibilityState", { get: () => (w.__hidden ? "hidden" : "visible"), configurable: true });
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("connection and attention", () => {
  it("after the hub connection drops, the room catches up without gaps, and a message written offline is sent", async () => {
    await signUp(alice.page, aliceName);
    await signUp(bob.page, bobName);
    const a = alice.page;
    const b = bob.page;

    await a.goto("/rooms");
    await a.getByLabel("Room name").fill(uniqueName("net").slice(0, 32));
    await a.getByRole("button", { name: "Create room" }).click();
    await composer(a).waitFor();
    roomPath = new URL(a.url()).pathname;
    await b.goto(roomPath);
    await b.getByRole("button", { name: /^Join / }).click();
    await composer(b).waitFor();

    await composer(a).fill("before the cut");
    await composer(a).press("Enter");
    await messageLog(b).getByText("before the cut").waitFor();

    // The network goes: the open socket closes and reconnecting fails.
    hubDown = true;
    await bob.context.setOffline(true);
    await bobSocket!.close({ code: 1006, reason: "network down (test)" });
    const banner = b.getByTestId("connection-banner");
    await expect.poll(() => banner.getAttribute("data-status"), { message: "bob's banner leaves 'connected'" }).not.toBe("connected");
    await expect.poll(async () => (await banner.textContent()) ?? "", { message: "the banner says the connection is lost" }).toMatch(/Reconnecting|Cannot reach/);

    for (const text of ["while away 1", "while away 2", "while away 3"]) {
      await composer(a).fill(text);
      await composer(a).press("Enter");
    }
    await expect.poll(() => articles(a).then((list) => list.length), { message: "alice's messages are stored" }).toBe(4);

    // Bob writes meanwhile: the message waits for the connection.
    await composer(b).fill("written offline");
    await composer(b).press("Enter");
    await messageLog(b).locator("article.message-pending", { hasText: "written offline" }).getByText(/Waiting for/).waitFor();
    expect(await messageLog(b).getByText("while away 1").count()).toBe(0);

    // The network is back: the browser says so ("online"), and the client tries at once
    // instead of waiting out its backoff.
    hubDown = false;
    await bob.context.setOffline(false);
    await expect.poll(() => banner.getAttribute("data-status"), { timeout: 20_000, message: "bob is connected again" }).toBe("connected");
    const expected = [
      [1, "before the cut"],
      [2, "while away 1"],
      [3, "while away 2"],
      [4, "while away 3"],
      [5, "written offline"],
    ];
    await expect.poll(() => articles(b), { timeout: 15_000, message: "bob has every message once, in order" }).toEqual(expected);
    await expect.poll(() => articles(a), { timeout: 15_000, message: "alice gets bob's queued message" }).toEqual(expected);
    expect(await messageLog(b).locator("article.message-pending").count()).toBe(0);
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });

  it("once allowed, a direct message to a user in another tab becomes a browser notification", async () => {
    const a = alice.page;
    const b = bob.page;
    await b.goto("/settings");
    const enable = b.getByRole("button", { name: "Enable desktop notifications" });
    await enable.waitFor();
    // The browser's permission prompt, answered "Allow".
    await bob.context.grantPermissions(["notifications"]);
    await enable.click();
    await b.getByText(/^On: direct messages/).waitFor();

    // Bob switches to another tab.
    await b.evaluate(() => {
      (window as unknown as { __hidden: boolean }).__hidden = true;
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await a.goto(`/dm/${await userIdOf(b)}`);
    await composer(a).fill("ping from alice");
    await composer(a).press("Enter");
    await expect
      .poll(() => b.evaluate(() => (window as unknown as { __notes: { title: string; body: string }[] }).__notes), { message: "bob gets a browser notification" })
      .toContainEqual(expect.objectContaining({ body: expect.stringContaining("ping from alice") }));
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});
