import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { SessionStore } from "../auth/session";
import { ToastStore } from "../notifications/ToastStore";
import { UnreadStore } from "../notifications/UnreadStore";
import type { Services } from "../shell/services";
import { ServicesContext } from "../shell/ServicesContext";
import { FakeHub, message, settle } from "../test/fakes";
import { ConversationStore } from "./conversationStore";
import { ConversationView } from "./ConversationView";

const conv = "room:r1";
const me = { userId: "user-me", username: "mia", isGuest: false };

function renderConversation() {
  const hub = new FakeHub();
  let id = 0;
  const conversations = new ConversationStore({
    hub,
    me,
    newId: () => `client-${++id}`,
    history: {
      latest: async () => ({ messages: [message(conv, 1, { text: "welcome" })], hasMore: false }),
      before: async () => ({ messages: [], hasMore: false }),
      after: async () => ({ messages: [], hasMore: false }),
    },
  });
  const services = {
    me,
    hub,
    conversations,
    unread: new UnreadStore({ hub, myUserId: me.userId, myUsername: me.username }),
    toasts: new ToastStore(),
    session: { getAccessToken: async () => "token" } as unknown as SessionStore,
  } as unknown as Services;
  render(
    <ServicesContext.Provider value={services}>
      <ConversationView conversationId={conv} title="#general" members={[]} canModerate={false} />
    </ServicesContext.Provider>,
  );
  return { hub, user: userEvent.setup(), log: () => screen.getByRole("log", { name: "Messages in #general" }) };
}

describe("conversation view", () => {
  it("shows a send at once, marks it failed with the server's reason, and retries it with the same client id", async () => {
    const { hub, user, log } = renderConversation();
    await screen.findByText("welcome");

    await user.type(screen.getByRole("combobox", { name: "Message #general" }), "hello there{Enter}");
    const pending = await within(log()).findByLabelText("Your message, sending");
    expect(within(pending).getByText("Sending…")).toBeTruthy();
    expect(hub.sends).toHaveLength(1);

    await act(async () => {
      hub.sends[0]!.reply.reject(new Error("HubException: [room.muted] You are muted in this room."));
      await settle();
    });
    const failed = within(log()).getByLabelText("Your message, not sent");
    expect(within(failed).getByRole("alert").textContent).toContain("Not sent: You are muted in this room.");

    await user.click(within(failed).getByRole("button", { name: "Retry" }));
    expect(hub.sends).toHaveLength(2);
    expect(hub.sends[1]!.clientMessageId).toBe(hub.sends[0]!.clientMessageId);

    await act(async () => {
      hub.emit("MessagePosted", message(conv, 2, { senderId: me.userId, senderName: "mia", text: "hello there" }));
      hub.sends[1]!.reply.resolve({ seq: 2, messageId: "m-2", sentAt: "2026-01-01T12:00:02Z" });
      await settle();
    });
    expect(within(log()).queryByLabelText(/^Your message/)).toBeNull();
    expect(within(log()).getAllByText("hello there")).toHaveLength(1);
  });

  it("a failed send can be discarded", async () => {
    const { hub, user, log } = renderConversation();
    await user.type(screen.getByRole("combobox", { name: "Message #general" }), "oops{Enter}");
    await act(async () => {
      hub.sends[0]!.reply.reject(new Error("HubException: [message.rejected] Rejected by the filter."));
      await settle();
    });
    await user.click(within(log()).getByRole("button", { name: "Discard" }));
    expect(within(log()).queryByText("oops")).toBeNull();
  });

  it("replying quotes the message and sends its seq", async () => {
    const { hub, user } = renderConversation();
    const original = await screen.findByText("welcome");
    const article = original.closest("article")!;
    await user.click(within(article).getByRole("button", { name: "Reply" }));
    expect(screen.getByText(/Replying to/).textContent).toContain("other");
    await user.type(screen.getByRole("combobox", { name: "Message #general" }), "agreed{Enter}");
    expect(hub.sends[0]).toMatchObject({ text: "agreed", replyToSeq: 1 });
    expect(screen.queryByText(/Replying to/)).toBeNull();
  });

  it("shows who is typing", async () => {
    const { hub } = renderConversation();
    await screen.findByText("welcome");
    act(() => hub.emit("Typing", { conversationId: conv, userId: "u2", displayName: "Bob" }));
    expect(screen.getByText("Bob is typing…")).toBeTruthy();
  });
});
