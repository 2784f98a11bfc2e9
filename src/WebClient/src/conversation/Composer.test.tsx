import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Composer } from "./Composer";

const members = [
  { userId: "1", username: "alice", displayName: "Alice" },
  { userId: "2", username: "albert", displayName: "Albert" },
  { userId: "me", username: "me", displayName: "Me" },
];

function setup() {
  const onSend = vi.fn();
  const onTyping = vi.fn();
  render(
    <Composer
      conversationId="room:r1"
      label="Message #general"
      members={members}
      myUserId="me"
      replyTo={null}
      disabledReason={null}
      getAccessToken={async () => "t"}
      onCancelReply={() => {}}
      onSend={onSend}
      onTyping={onTyping}
      onError={() => {}}
    />,
  );
  const box = screen.getByRole("combobox", { name: "Message #general" });
  return { onSend, onTyping, box, user: userEvent.setup() };
}

describe("composer", () => {
  it("Enter sends the trimmed text and clears the box; Shift+Enter adds a line", async () => {
    const { onSend, box, user } = setup();
    await user.type(box, "  first line{Shift>}{Enter}{/Shift}second  ");
    expect(box).toHaveProperty("value", "  first line\nsecond  ");
    expect(onSend).not.toHaveBeenCalled();
    await user.keyboard("{Enter}");
    expect(onSend).toHaveBeenCalledWith("first line\nsecond", null);
    expect(box).toHaveProperty("value", "");
  });

  it("does not send blank text and reports typing", async () => {
    const { onSend, onTyping, box, user } = setup();
    await user.type(box, "   {Enter}");
    expect(onSend).not.toHaveBeenCalled();
    expect(onTyping).toHaveBeenCalled();
  });

  it("@ opens member suggestions; arrows choose and Enter inserts the mention without sending", async () => {
    const { onSend, box, user } = setup();
    await user.type(box, "hi @al");
    const list = screen.getByRole("listbox", { name: "Mention suggestions" });
    const options = screen.getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["@albert Albert", "@alice Alice"]);
    expect(box.getAttribute("aria-expanded")).toBe("true");
    expect(list.hidden).toBe(false);

    await user.keyboard("{ArrowDown}");
    expect(box.getAttribute("aria-activedescendant")).toBe(options[1]!.id);
    await user.keyboard("{Enter}");
    expect(onSend).not.toHaveBeenCalled();
    expect(box).toHaveProperty("value", "hi @alice ");
    expect(box.getAttribute("aria-expanded")).toBe("false");
  });

  it("Escape closes the suggestions; the user's own name is never suggested", async () => {
    const { box, user } = setup();
    await user.type(box, "@m");
    expect(screen.queryAllByRole("option")).toHaveLength(0);
    await user.clear(box);
    await user.type(box, "@a");
    expect(screen.getAllByRole("option")).toHaveLength(2);
    await user.keyboard("{Escape}");
    expect(box.getAttribute("aria-expanded")).toBe("false");
  });

  it("refuses text over the limit with a visible reason", async () => {
    const { onSend, box, user } = setup();
    await user.click(box);
    await user.paste("x".repeat(4001));
    expect(screen.getByText("Too long: 4001 of 4000 characters.")).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBe("true");
    await user.keyboard("{Enter}");
    expect(onSend).not.toHaveBeenCalled();
  });
});
