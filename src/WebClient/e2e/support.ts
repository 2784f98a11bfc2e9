import { mkdirSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

export const gatewayUrl = (): string => inject("gatewayUrl");

export const phone = { width: 375, height: 667 } as const;
export const desktop = { width: 1280, height: 800 } as const;

/** Debian's Chromium (installed by scripts/ensure-chromium.sh); never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Page errors, CSP violations and dialogs seen so far. */
  problems: string[];
}

/**
 * A fresh context (its own storage, so its own session) and page that records what must never
 * happen: uncaught errors, Content-Security-Policy violations, and dialogs (alert/confirm).
 * Failed resource loads are not problems: REST endpoints that do not exist yet answer 404.
 */
export async function openPage(browser: Browser, viewport: { width: number; height: number } = desktop): Promise<Watched> {
  const context = await browser.newContext({ viewport, baseURL: gatewayUrl() });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, context, problems };
}

let counter = 0;

/** A username no other test uses (3-32 characters of [A-Za-z0-9_.-]). */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 5)}`.slice(0, 32);
}

/**
 * A short, readable name for screens that end up in screenshots ("alice.k3fz"): unique enough
 * within one run, whose database is always fresh (global-setup).
 */
export function shortName(prefix: string): string {
  return `${prefix}.${Math.random().toString(36).slice(2, 6)}`;
}

export const password = "correct horse battery staple";

/** Creates an account through the API (for tests about logging in). */
export async function createAccount(username: string): Promise<void> {
  const response = await fetch(`${gatewayUrl()}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

/** Signs up through the UI and waits for the signed-in shell. */
export async function signUp(page: Page, username: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect.poll(() => page.getByTestId("current-user").textContent(), { timeout: 15_000, message: "the shell shows the new user" }).toContain(username);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(inject("artifactsDir"), "screenshots", "webclient");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export async function isVisible(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).isVisible();
}

/** The message box of the open conversation. */
export const composer = (page: Page) => page.getByRole("combobox", { name: /^Message / });

/** The open conversation's message list. */
export const messageLog = (page: Page) => page.getByRole("log");

/** The acknowledged messages on screen as [seq, text], in order. */
export function articles(page: Page): Promise<[number, string][]> {
  return messageLog(page)
    .locator("article[data-seq]")
    .evaluateAll((list) => list.map((a) => [Number(a.getAttribute("data-seq")), a.querySelector(".message-text")?.textContent ?? ""] as [number, string]));
}

/** A room or DM entry in the navigation, by its name. */
export const sidebarLink = (page: Page, name: string) => page.locator("#navigation .nav-item", { hasText: name });

/** The signed-in user's id, from the session the client keeps. */
export function userIdOf(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem("orleanschat.session") ?? "{}") as { user?: { userId?: string } }).user?.userId ?? "");
}

/**
 * A real PNG (a 160×96 gradient) built here, so no binary fixture is needed: the gateway checks
 * the bytes, and the preview shows something a reader recognizes in a screenshot.
 */
export function samplePng(width = 160, height = 96): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = Math.round((255 * x) / width);
      row[2 + x * 3] = Math.round((255 * y) / height);
      row[3 + x * 3] = 200;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Screenshots of the current screen at desktop size and at phone size (the same session,
 * resized: the layout adapts, as layout.e2e.test.ts checks), then back to desktop.
 */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  // The user closes the toasts first, so they do not cover the screen.
  await page.evaluate(() => document.querySelectorAll<HTMLButtonElement>(".toast-close").forEach((button) => button.click()));
  await page.locator(".toast").first().waitFor({ state: "detached" });
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(phone);
  await page.getByRole("button", { name: /navigation/ }).waitFor();
  // The drawer slides away: wait until it is gone, not just moving.
  await page.locator("#navigation").waitFor({ state: "hidden" });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(desktop);
  await page.locator("#navigation").waitFor();
}
