import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, desktop, launchBrowser, openPage, password, phone, screenshot, signUp, uniqueName } from "./support";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("accounts in the browser", () => {
  it("signing up shows the signed-in shell, and a reload keeps the session", async () => {
    const { page, context, problems } = await openPage(browser, desktop);
    await page.goto("/signup");
    await page.getByRole("heading", { name: "Create your account" }).waitFor();
    await screenshot(page, "signup-desktop");

    const name = uniqueName("alice");
    await signUp(page, name);
    await page.getByRole("heading", { name: `Welcome, ${name}` }).waitFor();
    expect(page.url()).toBe(`${new URL(page.url()).origin}/`);
    await page.getByTestId("connection-banner").waitFor({ state: "attached" });
    await screenshot(page, "home-desktop");

    await page.reload();
    await page.getByRole("heading", { name: `Welcome, ${name}` }).waitFor();
    expect(await page.getByTestId("current-user").textContent()).toContain(name);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("logging out returns to the login screen and forgets the session", async () => {
    const { page, context, problems } = await openPage(browser, desktop);
    await signUp(page, uniqueName("bob"));
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("heading", { name: "Log in" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.evaluate(() => window.localStorage.getItem("orleanschat.session"))).toBeNull();

    await page.reload();
    await page.getByRole("heading", { name: "Log in" }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("logs in an existing account, and a wrong password is refused with the server's message", async () => {
    const name = uniqueName("carol");
    await createAccount(name);
    const { page, context, problems } = await openPage(browser, desktop);
    await page.goto("/login");
    await screenshot(page, "login-desktop");
    await page.getByLabel("Username").fill(name);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("The username or password is wrong.");

    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: `Welcome, ${name}` }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("checks sign-up fields before asking the server, and shows the server's field errors", async () => {
    const taken = uniqueName("dave");
    await createAccount(taken);
    const { page, context } = await openPage(browser, desktop);
    let signups = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/auth/signup")) signups++;
    });
    await page.goto("/signup");
    await page.getByLabel("Username").fill("x");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByText("A username has 3 to 32 characters.").waitFor();
    await page.getByText("A password has at least 8 characters.").waitFor();
    expect(signups).toBe(0);
    expect(await page.getByLabel("Username").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Username").fill(taken.toUpperCase());
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/taken/i);
    expect(signups).toBe(1);
    await context.close();
  });

  it("continuing as a guest signs in with a generated guest name", async () => {
    const { page, context, problems } = await openPage(browser, phone);
    await page.goto("/");
    await screenshot(page, "login-phone");
    await page.getByRole("button", { name: "Continue as guest" }).click();
    await page.getByRole("heading", { name: /^Welcome, guest-/ }).waitFor();
    expect(await page.getByTestId("current-user").textContent()).toMatch(/^guest-.*guest$/);
    await page.getByText("You are chatting as a guest").waitFor();
    await page.getByText("Guests cannot create rooms.").waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it("logs in with the keyboard alone", async () => {
    const name = uniqueName("erin");
    await createAccount(name);
    const { page, context, problems } = await openPage(browser, desktop);
    await page.goto("/login");
    // The username field has focus on arrival; Tab walks the form in reading order.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("name")), { message: "the username field has focus on arrival" })
      .toBe("username");
    await page.keyboard.type(name);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("password");
    await page.keyboard.type(password);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Log in");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: `Welcome, ${name}` }).waitFor();

    // Focus is visible: the focused control draws an outline.
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? getComputedStyle(el).outlineStyle : "none";
    });
    expect(outline).not.toBe("none");
    expect(problems).toEqual([]);
    await context.close();
  });
});
