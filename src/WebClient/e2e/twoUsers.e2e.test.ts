import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articles, composer, desktop, launchBrowser, messageLog, openPage, screenshotBoth, sidebarLink, samplePng, shortName, signUp, userIdOf, type Watched } from "./support";

/*
 * Two people, two browser contexts (two sessions), one real gateway, hub and silo: everything a
 * pair of users does together, in the order they would do it. The tests share the two users and
 * their room, so each one starts where the previous one left off.
 */

let browser: Browser;
let alice: Watched;
let bob: Watched;
const aliceName = shortName("alice");
const bobName = shortName("bob");
const roomName = shortName("den");
const roomPassword = "open sesame";
let aliceId = "";
let bobId = "";
let roomPath = "";

beforeAll(async () => {
  browser = await launchBrowser();
  alice = await openPage(browser, desktop);
  bob = await openPage(browser, desktop);
  // Fail a step in seconds rather than at Playwright's 30 s default: the hub answers in milliseconds.
  alice.context.setDefaultTimeout(15_000);
  bob.context.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
});

const a = () => alice.page;
const b = () => bob.page;

async function send(page: Page, text: string): Promise<void> {
  const box = composer(page);
  await box.fill(text);
  await box.press("Enter");
}

/** Opens the moderation controls of a member in the member list (a toggle: only when closed). */
async function openModeration(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole("button", { name: `Moderation for ${name}` });
  await toggle.waitFor();
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.getByRole("group", { name: `Moderate ${name}` }).waitFor();
}

/** The "Seen …" lines of the log, each with the text of the message it is under. */
function receiptLines(page: Page): Promise<string[][]> {
  return messageLog(page)
    .locator(".read-receipt")
    .evaluateAll((lines) => lines.map((line) => [line.previousElementSibling?.querySelector(".message-text")?.textContent ?? "", line.textContent ?? ""]));
}

async function seesMessage(page: Page, text: string, message: string): Promise<void> {
  await messageLog(page).locator("article[data-seq] .message-text", { hasText: text }).first().waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`${message}: "${text}" never appeared`);
  });
}

describe("two users", () => {
  it("both sign up, and the first creates a password-protected room from the form", async () => {
    await signUp(a(), aliceName);
    await signUp(b(), bobName);
    aliceId = await userIdOf(a());
    bobId = await userIdOf(b());

    await a().getByRole("link", { name: "Browse rooms" }).click();
    await a().getByLabel("Room name").fill(roomName);
    await a().getByLabel("Topic (optional)").fill("Where the two of them talk");
    await a().getByRole("radio", { name: /Password-protected/ }).check();
    await a().getByLabel("Room password").fill(roomPassword);
    await a().getByRole("button", { name: "Create room" }).click();
    await a().getByRole("heading", { name: `#${roomName}`, level: 1 }).waitFor();
    await composer(a()).waitFor();
    roomPath = new URL(a().url()).pathname;
    expect(roomPath).toMatch(/^\/rooms\/[0-9a-f]{16}$/);
    await sidebarLink(a(), roomName).waitFor();
  });

  it("the second finds it in the directory, is refused with a wrong password, and joins with the right one", async () => {
    await b().getByRole("link", { name: "Browse rooms" }).click();
    await b().getByLabel("Search rooms").fill(roomName);
    const listed = b().locator(".room-item", { hasText: `#${roomName}` });
    await listed.waitFor();
    await screenshotBoth(b(), "directory");
    expect(await listed.getByText("Password", { exact: true }).isVisible()).toBe(true);
    await b().getByRole("button", { name: `Join ${roomName}` }).click();
    const field = b().getByLabel(`Password for ${roomName}`);
    await field.fill("not the password");
    await field.press("Enter");
    await b().getByRole("alert").filter({ hasText: /password/i }).waitFor();
    expect(new URL(b().url()).pathname).toBe("/rooms");

    await field.fill(roomPassword);
    await field.press("Enter");
    await b().getByRole("heading", { name: `#${roomName}`, level: 1 }).waitFor();
    await composer(b()).waitFor();
    expect(new URL(b().url()).pathname).toBe(roomPath);
    await sidebarLink(b(), roomName).waitFor();
  });

  it("messages flow both ways and the typing indicator shows while the other one types", async () => {
    await send(a(), "hello bob, welcome");
    await seesMessage(b(), "hello bob, welcome", "bob sees alice's message");

    // Typing without sending: the other side says so, and stops saying so once the message lands.
    await composer(b()).pressSequentially("hi al");
    const typing = a().locator(".typing-indicator");
    await expect.poll(() => typing.textContent(), { timeout: 10_000, message: "alice sees that bob is typing" }).toBe(`${bobName} is typing…`);
    await composer(b()).press("Enter");
    await seesMessage(a(), "hi al", "alice sees bob's answer");
    await expect.poll(() => typing.textContent(), { message: "the typing notice goes once bob's message arrives" }).toBe("");

    // Both see the same history in the same order, numbered by the server.
    for (const page of [a(), b()]) {
      await expect.poll(() => articles(page), { message: "both see both messages in order" }).toEqual([
        [1, "hello bob, welcome"],
        [2, "hi al"],
      ]);
    }
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });

  it("an image upload shows progress, then an inline preview on both sides", async () => {
    // Hold the upload at the gateway's door until its progress bar has been seen.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await a().route("**/api/uploads", async (route) => {
      await held;
      await route.continue();
    });
    const [chooser] = await Promise.all([a().waitForEvent("filechooser"), a().getByRole("button", { name: "Attach a file" }).click()]);
    await chooser.setFiles({ name: "dot.png", mimeType: "image/png", buffer: samplePng() });
    const progress = a().getByRole("progressbar", { name: "Uploading dot.png" });
    await progress.waitFor();
    release();
    await progress.waitFor({ state: "detached" });
    await a().unroute("**/api/uploads");
    // The upload's address lands in the composer; Enter sends it.
    await expect.poll(() => composer(a()).inputValue(), { timeout: 15_000, message: "the uploaded file's address is put in the composer" }).toMatch(/\/api\/uploads\/[0-9a-f-]{36}/);
    await composer(a()).press("Enter");
    for (const [page, who] of [[a(), "alice"], [b(), "bob"]] as const) {
      const image = messageLog(page).getByRole("img", { name: "Uploaded image" });
      await image.first().waitFor({ timeout: 15_000 }).catch(() => {
        throw new Error(`${who} never saw an inline preview of the uploaded image`);
      });
      await expect
        .poll(() => image.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { message: `${who}'s preview loads the image` })
        .toBe(160);
    }
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });

  it("unread messages get a badge; reading clears it, and the read position survives a reload", async () => {
    await b().getByRole("link", { name: "Friends" }).click();
    await b().getByRole("heading", { name: "Friends", level: 1 }).waitFor();
    await send(a(), "are you still there?");
    const badge = b().getByLabel(`1 unread in ${roomName}`);
    await badge.waitFor({ timeout: 15_000 });

    // The server keeps the read position: after a reload the message is still unread.
    await b().reload();
    await badge.waitFor({ timeout: 15_000 });

    await sidebarLink(b(), roomName).click();
    await seesMessage(b(), "are you still there?", "bob reads the new message");
    await badge.waitFor({ state: "detached" });
    // Alice, still in the room, sees under her message that bob has read it (a ReadReceipt).
    await expect
      .poll(() => receiptLines(a()), { timeout: 15_000, message: "alice sees that bob has seen her message" })
      .toContainEqual(["are you still there?", `Seen by ${bobName}`]);
    await b().reload();
    await seesMessage(b(), "are you still there?", "the history is back after the reload");
    await sidebarLink(b(), roomName).waitFor();
    await expect.poll(() => b().locator(".unread-badge").count(), { message: "nothing is unread after reading and reloading" }).toBe(0);
  });

  it("a reload keeps the session and the history", async () => {
    await a().reload();
    await expect.poll(() => a().getByTestId("current-user").textContent(), { timeout: 15_000, message: "still signed in" }).toContain(aliceName);
    await expect
      .poll(() => articles(a()).then((list) => list.map(([, text]) => text)), { timeout: 15_000, message: "the whole history is shown again" })
      .toEqual(["hello bob, welcome", "hi al", expect.stringMatching(/\/api\/uploads\//), "are you still there?"]);
    await messageLog(a()).getByRole("img", { name: "Uploaded image" }).waitFor();
    // Read receipts start from the server's read positions after a reload, not only from live events.
    await expect
      .poll(() => receiptLines(a()), { timeout: 15_000, message: "after the reload alice still sees that bob has seen her message" })
      .toContainEqual(["are you still there?", `Seen by ${bobName}`]);
    // Both are here, alice included, though her reload just closed and reopened her connection.
    await a().getByText("(2 online of 2)").waitFor();
    await screenshotBoth(a(), "room");
  });

  it("a direct message reaches the other user, who answers", async () => {
    // From the room's member list: "Message bob".
    await a().getByRole("link", { name: `Message ${bobName}` }).click();
    await a().getByRole("heading", { name: bobName, level: 1 }).waitFor();
    await composer(a()).waitFor();
    await send(a(), "psst, a secret");
    await seesMessage(a(), "psst, a secret", "alice's DM is acknowledged");

    // Bob is told (a toast linking to the thread) and the thread appears in his navigation.
    const dmLink = sidebarLink(b(), aliceName);
    await dmLink.waitFor({ timeout: 15_000 });
    await dmLink.click();
    await b().getByRole("heading", { name: aliceName, level: 1 }).waitFor();
    await seesMessage(b(), "psst, a secret", "bob reads the DM");
    await send(b(), "your secret is safe");
    await seesMessage(a(), "your secret is safe", "alice gets bob's DM answer");
    await screenshotBoth(b(), "dm");
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });

  it("a friend request is accepted, and each sees the other online, then offline when gone", async () => {
    await a().getByRole("link", { name: "View profile" }).click();
    await a().getByRole("heading", { name: bobName, level: 1 }).waitFor();
    await a().getByRole("button", { name: "Add friend" }).click();
    await a().getByRole("button", { name: "Cancel friend request" }).waitFor();

    await b().getByRole("link", { name: "Friends" }).click();
    const incoming = b().locator(".person", { hasText: aliceName });
    await incoming.waitFor({ timeout: 15_000 });
    await incoming.getByRole("button", { name: "Accept" }).click();
    await b().getByRole("heading", { name: "Friends (1)" }).waitFor();

    await a().getByRole("link", { name: "Friends" }).click();
    await a().getByRole("heading", { name: "Friends (1)" }).waitFor({ timeout: 15_000 });
    const friend = a().locator(".person", { hasText: bobName });
    await expect.poll(() => friend.getByRole("img").first().getAttribute("aria-label"), { message: "bob is shown online" }).toBe("Online");
    await screenshotBoth(a(), "friends");

    // Bob's profile now says they are friends.
    await friend.getByRole("link", { name: bobName }).click();
    await a().getByRole("button", { name: "Remove friend" }).waitFor();
    await screenshotBoth(a(), "profile");

    // Bob closes his tab: alice sees him go offline; a new tab of his is signed in and online again.
    await a().getByRole("link", { name: "Friends" }).click();
    await b().close();
    await expect
      .poll(() => friend.getByRole("img").first().getAttribute("aria-label"), { timeout: 20_000, message: "bob is shown offline once his tab is closed" })
      .toBe("Offline");
    bob.page = await bob.context.newPage();
    bob.page.on("pageerror", (error) => bob.problems.push(`page error: ${error.message}`));
    await b().goto("/friends");
    await expect.poll(() => b().getByTestId("current-user").textContent(), { timeout: 15_000, message: "bob's new tab keeps his session" }).toContain(bobName);
    await expect
      .poll(() => friend.getByRole("img").first().getAttribute("aria-label"), { timeout: 20_000, message: "bob is shown online again" })
      .toBe("Online");
  });

  it("a block stops direct messages", async () => {
    await b().goto(`/users/${aliceId}`);
    await b().getByRole("heading", { name: aliceName, level: 1 }).waitFor();
    await b().getByRole("button", { name: "Block" }).click();
    await b().getByRole("button", { name: "Unblock" }).waitFor();
    // The profile remembers the block after a reload (it comes from the server, not the click).
    await b().reload();
    await b().getByRole("button", { name: "Unblock" }).waitFor({ timeout: 15_000 });

    await a().goto(`/dm/${bobId}`);
    await composer(a()).waitFor();
    await send(a(), "can you hear me?");
    const refused = messageLog(a()).locator("article.message-failed", { hasText: "can you hear me?" });
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.getByRole("alert").textContent()).toMatch(/block/i);

    await b().goto(`/dm/${aliceId}`);
    await seesMessage(b(), "your secret is safe", "bob's DM history is still there");
    expect(await messageLog(b()).getByText("can you hear me?").count()).toBe(0);
    expect(await b().getByText(/You blocked this user/).isVisible()).toBe(true);
  });

  it("an admin mutes, promotes and demotes a member from the member list", async () => {
    await a().goto(roomPath);
    await b().goto(roomPath);
    await composer(a()).waitFor();
    await composer(b()).waitFor();
    const moderation = a().getByRole("group", { name: `Moderate ${bobName}` });

    await openModeration(a(), bobName);
    await moderation.getByRole("button", { name: "Mute…" }).click();
    await moderation.getByLabel("Mute for").selectOption({ label: "10 minutes" });
    await moderation.getByRole("button", { name: "Mute", exact: true }).click();
    await b().getByText(/You are muted until/).waitFor({ timeout: 15_000 });
    expect(await composer(b()).isDisabled()).toBe(true);

    await openModeration(a(), bobName);
    await moderation.getByRole("button", { name: "Unmute" }).click();
    await expect.poll(() => composer(b()).isDisabled(), { timeout: 15_000, message: "bob can write again once unmuted" }).toBe(false);

    await openModeration(a(), bobName);
    await moderation.getByRole("button", { name: "Make admin" }).click();
    await a().locator(".member", { hasText: bobName }).locator(".badge-admin").waitFor({ timeout: 15_000 });
    // Bob, now an admin, gets the room's settings.
    await b().getByRole("link", { name: "Settings" }).waitFor({ timeout: 15_000 });

    await openModeration(a(), bobName);
    await moderation.getByRole("button", { name: "Demote" }).click();
    await expect.poll(() => a().locator(".member", { hasText: bobName }).locator(".badge-admin").count(), { timeout: 15_000, message: "bob is a member again" }).toBe(0);
    await b().getByRole("link", { name: "Settings" }).waitFor({ state: "detached", timeout: 15_000 });
  });

  it("the owner changes the room's topic in its settings and the member sees it", async () => {
    await a().getByRole("link", { name: "Settings" }).click();
    await a().getByRole("heading", { name: `Settings of #${roomName}` }).waitFor();
    await a().getByLabel("Topic", { exact: true }).fill("New topic for the den");
    await a().getByRole("button", { name: "Save settings" }).click();
    await a().getByText("Room settings saved.").waitFor();
    await screenshotBoth(a(), "room-settings");
    // Bob, in the room, sees the new topic without reloading.
    await b().locator(".conversation-subtitle", { hasText: "New topic for the den" }).waitFor();
  });

  it("a kick removes the member, who can join again; a ban removes them for good", async () => {
    await a().getByRole("link", { name: "Back to the room" }).click();
    await composer(a()).waitFor();
    const moderation = a().getByRole("group", { name: `Moderate ${bobName}` });

    await openModeration(a(), bobName);
    await moderation.getByRole("button", { name: "Kick" }).click();
    await b().getByText(/no longer a member of this room \(kicked\)/).waitFor({ timeout: 15_000 });
    await expect.poll(() => new URL(b().url()).pathname, { message: "bob is sent to the directory" }).toBe("/rooms");
    await sidebarLink(b(), roomName).waitFor({ state: "detached" });

    // A kick is not a ban: bob joins again with the password.
    await b().goto(roomPath);
    const field = b().getByLabel(/^Password for /);
    await field.fill(roomPassword);
    await field.press("Enter");
    await composer(b()).waitFor({ timeout: 15_000 });

    await a().locator(".member", { hasText: bobName }).waitFor({ timeout: 15_000 });
    await openModeration(a(), bobName);
    await moderation.getByRole("button", { name: "Ban…" }).click();
    await moderation.getByLabel("Ban for").selectOption({ label: "Permanently" });
    await moderation.getByRole("button", { name: "Ban", exact: true }).click();
    await b().getByText(/no longer a member of this room \(banned\)/).waitFor({ timeout: 15_000 });
    await sidebarLink(b(), roomName).waitFor({ state: "detached" });
    await expect.poll(() => a().locator(".member", { hasText: bobName }).count(), { timeout: 15_000, message: "bob leaves alice's member list" }).toBe(0);

    // The password no longer helps.
    await b().goto(roomPath);
    const again = b().getByLabel(/^Password for /);
    await again.fill(roomPassword);
    await again.press("Enter");
    await b().getByRole("alert").filter({ hasText: /banned/i }).waitFor({ timeout: 15_000 });
    expect(await composer(b()).count()).toBe(0);
  });

  it("the owner deletes the room after typing its name", async () => {
    await a().getByRole("link", { name: "Settings" }).click();
    const confirm = a().getByRole("form", { name: "Delete this room" });
    const button = confirm.getByRole("button", { name: "Delete room" });
    expect(await button.isDisabled()).toBe(true);
    await confirm.getByLabel("Room name").fill(roomName);
    await button.click();
    await expect.poll(() => new URL(a().url()).pathname, { timeout: 15_000, message: "the owner lands in the directory" }).toBe("/rooms");
    await sidebarLink(a(), roomName).waitFor({ state: "detached" });
    await a().goto(roomPath);
    await a().getByRole("heading", { name: "Room not found" }).waitFor({ timeout: 15_000 });
    await a().getByRole("link", { name: "Your profile" }).click();
    await expect.poll(() => a().getByLabel("Display name").inputValue(), { message: "the profile form is filled" }).toBe(aliceName);
    await screenshotBoth(a(), "your-profile");
    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});
