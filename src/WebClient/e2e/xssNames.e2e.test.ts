import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xssPayloads } from "../src/test/xssPayloads";
import { composer, desktop, gatewayUrl, launchBrowser, messageLog, openPage, password, signUp, uniqueName, type Watched } from "./support";

/*
 * Hostile display names, messages, room names and topics, seen by another user: everything
 * renders as inert text. The attackers' accounts, rooms and messages are set up through the REST API (as
 * any script could); the victim only uses the UI. One display name and one topic also go
 * through the attacker's own forms.
 */

// Display names are 1-64 characters on one line; topics up to 256.
const namePayloads = xssPayloads.filter((p) => p.length <= 64);
const topicPayloads = xssPayloads;

let browser: Browser;
let victim: Watched;

beforeAll(async () => {
  browser = await launchBrowser();
  victim = await openPage(browser, desktop);
  victim.context.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
});

interface Account {
  token: string;
  userId: string;
}

async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${gatewayUrl()}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function account(): Promise<Account> {
  const response = await fetch(`${gatewayUrl()}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: uniqueName("mal"), password }),
  });
  const body = (await response.json()) as { accessToken: string; user: { userId: string } };
  expect(response.status).toBe(201);
  return { token: body.accessToken, userId: body.user.userId };
}

/** What must never be in the page: injected elements, handler attributes, script links, a fired payload. */
function injected(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    return {
      scripts: [...document.scripts].filter((s) => !s.src || new URL(s.src).origin !== location.origin).length,
      elements: document.querySelectorAll("iframe, object, embed, form[action^='javascript' i], math, details, video, meta[http-equiv]").length,
      images: [...document.images].filter((img) => !img.src.startsWith("blob:") && !img.src.startsWith(location.origin)).length,
      svgs: document.querySelectorAll("svg:not([aria-hidden='true'])").length,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => `${el.tagName}.${a.name}`)),
      links: [...document.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? "").filter((h) => !/^(https?:\/\/|\/|#main$)/.test(h)),
      fired: (window as unknown as { __xss?: unknown }).__xss ?? null,
    };
  });
}

async function expectInert(page: Page, where: string): Promise<void> {
  expect(await injected(page), where).toEqual({ scripts: 0, elements: 0, images: 0, svgs: 0, handlers: [], links: [], fired: null });
  expect(victim.problems, where).toEqual([]);
}

describe(`hostile names, messages and topics (${namePayloads.length} display names, ${xssPayloads.length} messages, ${topicPayloads.length} topics)`, () => {
  let roomId = "";
  const prefix = uniqueName("xt").slice(0, 16);

  it("display names and messages of other users render as text in the room, the member list and profiles", async () => {
    const owner = await account();
    const room = await api<{ roomId: string }>(owner.token, "POST", "/api/rooms", { name: `${prefix}r`, visibility: "public" });
    roomId = room.roomId;
    const attackers: Account[] = [];
    for (const payload of namePayloads) {
      const attacker = await account();
      await api(attacker.token, "PATCH", "/api/me/profile", { displayName: payload });
      await api(attacker.token, "POST", `/api/rooms/${roomId}/join`, {});
      await api(attacker.token, "POST", `/api/rooms/${roomId}/messages`, { clientMessageId: crypto.randomUUID(), text: payload });
      attackers.push(attacker);
    }
    // The payloads too long for a name are sent as messages by the room's owner.
    const longOnes = xssPayloads.filter((p) => !namePayloads.includes(p));
    for (const payload of longOnes) {
      await api(owner.token, "POST", `/api/rooms/${roomId}/messages`, { clientMessageId: crypto.randomUUID(), text: payload });
    }

    const page = victim.page;
    await signUp(page, uniqueName("victim"));
    await page.goto(`/rooms/${roomId}`);
    await page.getByRole("button", { name: `Join ${prefix}r` }).click();
    await composer(page).waitFor();
    await expect
      .poll(() => messageLog(page).locator("article[data-seq] .message-sender").allTextContents(), { message: "every hostile name is shown as typed" })
      .toEqual([...namePayloads, ...longOnes.map(() => expect.any(String))]);
    // Messages without markdown come out exactly as sent; none of them does anything.
    const texts = await messageLog(page).locator("article[data-seq] .message-text").allTextContents();
    expect(texts).toHaveLength(xssPayloads.length);
    expect(texts).toContain("<script>window.__xss = 1</script>");
    expect(texts).toContain("<img src=x onerror=\"window.__xss = 2\">");
    expect(texts).toContain(longOnes[0]);
    // Phones show the member list behind a toggle; wide screens always.
    const toggle = page.getByRole("button", { name: /^Members/ });
    if (await toggle.isVisible()) await toggle.click();
    await expect
      .poll(() => page.locator(".member-name a").allTextContents().then((names) => namePayloads.filter((p) => names.includes(p)).length), { message: "the member list shows every name" })
      .toBe(namePayloads.length);
    await expectInert(page, "room with hostile names");

    await page.goto(`/users/${attackers[1]!.userId}`);
    await page.getByRole("heading", { level: 1, name: namePayloads[1] }).waitFor();
    await expectInert(page, "profile with a hostile name");
  });

  it("a display name set through the profile form renders as text", async () => {
    const page = victim.page;
    const payload = namePayloads[0]!;
    await page.goto("/settings");
    const field = page.getByLabel("Display name");
    await expect.poll(() => field.inputValue(), { message: "the form is filled from the saved profile" }).not.toBe("");
    await field.fill(payload);
    await page.getByRole("button", { name: "Save profile" }).click();
    await page.getByText("Profile saved.").waitFor();
    await page.goto(`/rooms/${roomId}`);
    await composer(page).fill("my name is hostile");
    await composer(page).press("Enter");
    await messageLog(page).locator("article[data-seq]", { hasText: "my name is hostile" }).locator(".message-sender", { hasText: payload }).waitFor();
    await expectInert(page, "own hostile name");
  });

  it("topics render as text in the directory and the room header", async () => {
    const owner = await account();
    for (const [index, topic] of topicPayloads.entries()) {
      await api(owner.token, "POST", "/api/rooms", { name: `${prefix}t${index}`, topic, visibility: "public" });
    }
    const page = victim.page;
    await page.goto("/rooms");
    await page.getByLabel("Search rooms").fill(`${prefix}t`);
    await expect
      .poll(() => page.locator(".room-topic").allTextContents().then((topics) => [...topics].sort()), { message: "every hostile topic is listed as typed" })
      .toEqual([...topicPayloads].sort());
    await expectInert(page, "directory with hostile topics");

    // One more through the create form, opened as a room.
    const own = `${prefix}own`;
    await page.getByLabel("Room name").fill(own);
    await page.getByLabel("Topic (optional)").fill(topicPayloads[2]!);
    await page.getByRole("button", { name: "Create room" }).click();
    await page.locator(".conversation-subtitle", { hasText: topicPayloads[2]! }).waitFor();
    await expectInert(page, "room header with a hostile topic");
  });

  it("hostile room names are refused with a readable error and nothing injected", async () => {
    const page = victim.page;
    await page.goto("/rooms");
    for (const payload of xssPayloads.slice(0, 6)) {
      await page.getByLabel("Room name").fill(payload.slice(0, 64));
      await page.getByRole("button", { name: "Create room" }).click();
      await page.locator(".form .error-text, .form [role=alert]").first().waitFor();
      expect(new URL(page.url()).pathname).toBe("/rooms");
    }
    await expectInert(page, "create form after hostile room names");
  });
});
