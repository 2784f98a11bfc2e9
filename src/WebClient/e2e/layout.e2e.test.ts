import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desktop, launchBrowser, openPage, phone, screenshot, signUp, uniqueName } from "./support";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const toggle = (page: Page) => page.getByRole("button", { name: /navigation/ });
const sidebar = (page: Page) => page.locator("#navigation");

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("responsive layout", () => {
  it("on a phone (375×667) navigation hides behind a drawer toggle", async () => {
    const { page, context, problems } = await openPage(browser, phone);
    await signUp(page, uniqueName("phil"));
    await screenshot(page, "home-phone");

    expect(await toggle(page).isVisible()).toBe(true);
    expect(await toggle(page).getAttribute("aria-expanded")).toBe("false");
    expect(await sidebar(page).isVisible()).toBe(false);
    expect(await horizontalOverflow(page)).toBe(0);

    await toggle(page).click();
    await sidebar(page).waitFor({ state: "visible" });
    expect(await toggle(page).getAttribute("aria-expanded")).toBe("true");
    // Focus moves into the drawer, to its first link.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("#navigation") !== null), { message: "focus moves into the drawer" }).toBe(true);
    await expect
      .poll(() => sidebar(page).evaluate((el) => getComputedStyle(el).transform), { message: "the drawer finishes sliding in" })
      .toBe("none");
    await screenshot(page, "drawer-phone");

    // Escape closes it and gives focus back to the toggle.
    await page.keyboard.press("Escape");
    await sidebar(page).waitFor({ state: "hidden" });
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-controls"))).toBe("navigation");

    // Following a link closes the drawer too.
    await toggle(page).click();
    await page.getByRole("link", { name: "Friends" }).click();
    await page.getByRole("heading", { name: "Friends", level: 1 }).waitFor();
    await sidebar(page).waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe("/friends");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("on a desktop (1280×800) the sidebar is always there and the toggle is not", async () => {
    const { page, context, problems } = await openPage(browser, desktop);
    await signUp(page, uniqueName("desk"));
    expect(await sidebar(page).isVisible()).toBe(true);
    expect(await toggle(page).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Browse rooms" }).isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("the same session adapts when the window is resized", async () => {
    const { page, context } = await openPage(browser, desktop);
    await signUp(page, uniqueName("resz"));
    await page.setViewportSize(phone);
    await sidebar(page).waitFor({ state: "hidden" });
    expect(await toggle(page).isVisible()).toBe(true);
    await page.setViewportSize(desktop);
    await sidebar(page).waitFor({ state: "visible" });
    await context.close();
  });

  it("every screen fits the phone width", async () => {
    const { page, context, problems } = await openPage(browser, phone);
    await signUp(page, uniqueName("fit"));
    for (const path of ["/", "/rooms", "/friends", "/notifications", "/settings", "/rooms/some-room", "/users/someone", "/dm/someone", "/nowhere"]) {
      await page.goto(path);
      await page.locator("main h1").first().waitFor();
      expect(await horizontalOverflow(page), path).toBe(0);
    }
    await page.goto("/settings");
    await page.locator("main h1").first().waitFor();
    await screenshot(page, "layout-settings-phone");
    expect(problems).toEqual([]);
    await context.close();
  });
});
