import { render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { message } from "../test/fakes";
import { xssPayloads } from "../test/xssPayloads";
import { MessageItem, PendingItem } from "./MessageItem";
import { RichText } from "./RichText";

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const allowedTags = new Set(["ARTICLE", "HEADER", "A", "TIME", "P", "SPAN", "STRONG", "EM", "CODE", "DIV", "BUTTON", "UL", "LI"]);

function assertInert(root: HTMLElement) {
  for (const element of root.querySelectorAll("*")) {
    expect(allowedTags.has(element.tagName), `unexpected <${element.tagName.toLowerCase()}>`).toBe(true);
    for (const attribute of element.attributes) {
      expect(attribute.name.startsWith("on"), `event handler attribute ${attribute.name}`).toBe(false);
      expect(attribute.name).not.toBe("style");
    }
    if (element instanceof HTMLAnchorElement) {
      const href = element.getAttribute("href") ?? "";
      expect(href.startsWith("https:") || href.startsWith("http:") || href.startsWith("/"), `link to ${href}`).toBe(true);
    }
  }
  expect(window.__xss).toBeUndefined();
}

const noop = () => {};
const asyncNoop = async () => true;

describe("user content renders as inert text", () => {
  afterEach(() => {
    delete window.__xss;
  });

  it.each(xssPayloads.map((p) => [p]))("message text %s", (payload) => {
    const { container } = render(
      <MessageItem
        message={message("room:r", 1, { text: payload, senderName: payload })}
        replyTo={undefined}
        myUserId="me"
        myUsername="me"
        canModerate={false}
        onReply={noop}
        onEdit={asyncNoop}
        onDelete={asyncNoop}
        onReact={noop}
      />,
    );
    assertInert(container);
    // The sender name is shown exactly as given, as text.
    expect(container.querySelector(".message-sender")?.textContent).toBe(payload);
  });

  it("payloads in a reply quote and a pending message stay text", () => {
    for (const payload of xssPayloads) {
      const { container, unmount } = render(
        <>
          <MessageItem
            message={message("room:r", 2, { text: "ok", replyToSeq: 1 })}
            replyTo={message("room:r", 1, { text: payload, senderName: payload })}
            myUserId="me"
            myUsername="me"
            canModerate={false}
            onReply={noop}
            onEdit={asyncNoop}
            onDelete={asyncNoop}
            onReact={noop}
          />
          <PendingItem
            pending={{ clientMessageId: "c", text: payload, replyToSeq: null, createdAt: 0, status: "failed", attempts: 1, baseSeq: 0, error: { code: "x", message: payload, retryable: false, connectionLost: false } }}
            replyTo={undefined}
            myUsername={payload}
            onRetry={noop}
            onDiscard={noop}
          />
        </>,
      );
      assertInert(container);
      unmount();
    }
  });

  it("plain payloads appear character for character", () => {
    const payload = "<script>window.__xss = 1</script>";
    const { container } = render(<RichText text={payload} />);
    expect(container.textContent).toBe(payload);
    expect(container.querySelector("script")).toBeNull();
  });
});
