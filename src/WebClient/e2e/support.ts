import { mkdirSync } from "node:fs";
import path from "node:path";
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

/** A valid 1×1 PNG (the gateway checks the bytes, not the name). */
export function tinyPng(): Buffer {
  return Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
}
