import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xssPayloads } from "../src/test/xssPayloads";
import { desktop, launchBrowser, openPage, phone, screenshot, signUp, uniqueName } from "./support";

/*
 * The conversation view against the real gateway, hub and a silo: the connection banner, the
 * composer, optimistic messages and safe rendering, in rooms created through the REST API.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** Creates a real public room through the REST API as the signed-in user, then opens it. */
async function openRoom(page: Page, name: string): Promise<void> {
  const roomId = await page.evaluate(async (roomName) => {
    const session = JSON.parse(localStorage.getItem("orleanschat.session") ?? "{}") as { accessToken?: string };
    const response = await fetch("/api/rooms", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ name: roomName, visibility: "public" }),
    });
    if (!response.ok) throw new Error(`creating room ${roomName} failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { roomId: string }).roomId;
  }, uniqueName(name).slice(0, 32));
  await page.goto(`/rooms/${roomId}`);
  await page.getByRole("combobox", { name: /^Message / }).waitFor();
}

const log = (page: Page) => page.getByRole("log");

describe("conversation view", () => {
  it("the client opens the hub's WebSocket with its hub token, and the banner tells the connection's state", async () => {
    const { page, context, problems } = await openPage(browser, desktop);
    const sockets: string[] = [];
    page.on("websocket", (ws) => sockets.push(ws.url()));
    await signUp(page, uniqueName("ban"));
    await expect.poll(() => sockets.length, { message: "a WebSocket to the hub is opened" }).toBeGreaterThan(0);
    const url = new URL(sockets[0]!);
    expect(url.protocol).toBe("ws:");
    expect(url.pathname).toBe("/hubs/chat");
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem("orleanschat.session"))) ?? "{}") as { hubToken?: string };
    expect(url.searchParams.get("access_token")).toMatch(/^h1\.[\w-]+$/);
    expect(url.searchParams.get("access_token")).toBe(session.hubToken);

    const banner = page.getByTestId("connection-banner");
    await banner.waitFor({ state: "attached" });
    expect(await banner.getAttribute("role")).toBe("status");
    // Whatever the hub does, the banner either says nothing (connected) or says what is wrong.
    await expect
      .poll(async () => {
        const status = await banner.getAttribute("data-status");
        const text = ((await banner.textContent()) ?? "").trim();
        return status === "connected" ? text === "" : /Connecting|Reconnecting|Cannot reach/.test(text);
      }, { timeout: 20_000, message: "the banner text matches the connection status" })
      .toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("Enter sends (the hub acknowledges the message) and Shift+Enter makes a new line", async () => {
    const { page, context, problems } = await openPage(browser, desktop);
    await signUp(page, uniqueName("send"));
    await openRoom(page, "lobby");
    const box = page.getByRole("combobox", { name: /^Message / });
    await box.focus();
    await page.keyboard.type("first line");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("second line");
    await page.keyboard.press("Enter");

    // The real hub acknowledges within milliseconds, so the pending state may be gone before it
    // can be observed (unit tests cover it): assert what the user ends up seeing, the message
    // acknowledged with its sequence number, exactly as typed, and nothing left pending.
    const sent = log(page).locator("article[data-seq]");
    await sent.first().waitFor();
    expect(await sent.first().getAttribute("data-seq")).toBe("1");
    expect(await sent.first().locator(".message-text").textContent()).toBe("first line\nsecond line");
    await expect
      .poll(() => log(page).locator("article.message-pending").count(), { message: "no message is left pending once acknowledged" })
      .toBe(0);
    expect(await log(page).locator("article").count()).toBe(1);
    expect(await box.inputValue()).toBe("");
    await screenshot(page, "composer-desktop");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a phone can write and send a message", async () => {
    const { page, context, problems } = await openPage(browser, phone);
    await signUp(page, uniqueName("mob"));
    await openRoom(page, "lobby");
    const box = page.getByRole("combobox", { name: /^Message / });
    expect(await box.isVisible()).toBe(true);
    const send = page.getByRole("button", { name: "Send", exact: true });
    expect(await send.isVisible()).toBe(true);
    await box.fill("hello from a phone");
    await send.click();
    await log(page).getByText("hello from a phone").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await screenshot(page, "composer-phone");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the emoji picker inserts at the caret and works from the keyboard", async () => {
    const { page, context, problems } = await openPage(browser, desktop);
    await signUp(page, uniqueName("emo"));
    await openRoom(page, "lobby");
    const box = page.getByRole("combobox", { name: /^Message / });
    await box.fill("nice ");
    await page.getByRole("button", { name: "Insert emoji" }).click();
    const picker = page.getByRole("dialog", { name: "Insert emoji" });
    await picker.waitFor();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await picker.waitFor({ state: "detached" });
    expect(await box.inputValue()).toBe("nice 👎");
    expect(problems).toEqual([]);
    await context.close();
  });

  it(`${xssPayloads.length} XSS payloads sent as messages render as inert text`, async () => {
    const { page, context, problems } = await openPage(browser, desktop);
    await signUp(page, uniqueName("xss"));
    await openRoom(page, "lobby");
    const box = page.getByRole("combobox", { name: /^Message / });
    for (const payload of xssPayloads) {
      await box.fill(payload);
      await box.press("Enter");
    }
    await expect.poll(() => log(page).locator("article").count(), { message: "every payload is shown" }).toBe(xssPayloads.length);

    const report = await page.evaluate(() => {
      const root = document.querySelector("[role=log]")!;
      const forbidden = root.querySelectorAll("script, img, svg, iframe, object, embed, form, input, details, video, source, meta, math, style, body");
      const handlers = [...root.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name));
      const links = [...root.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? "").filter((h) => !/^(https?:|\/)/.test(h));
      return {
        forbidden: forbidden.length,
        handlers,
        links,
        xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
        texts: [...root.querySelectorAll("article .message-text")].map((p) => p.textContent),
      };
    });
    expect(report.forbidden).toBe(0);
    expect(report.handlers).toEqual([]);
    expect(report.links).toEqual([]);
    expect(report.xss).toBeNull();
    // Payloads without markdown come out exactly as typed.
    expect(report.texts).toContain("<script>window.__xss = 1</script>");
    expect(report.texts).toContain("<img src=x onerror=\"window.__xss = 2\">");
    expect(report.texts).toContain("[click me](javascript:window.__xss = 7)");
    expect(problems).toEqual([]);
    await context.close();
  });
});
