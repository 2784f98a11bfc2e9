import { describe, expect, it } from "vitest";
import { safeHttpUrl, tokenize, uploadedFileUrls } from "./richText";

describe("the markdown subset", () => {
  it("turns code, bold, italic, links, mentions and shortcodes into tokens", () => {
    expect(tokenize("a `x<y` **b** *c* _d_ https://example.org/p @bob :tada: z")).toEqual([
      { type: "text", text: "a " },
      { type: "code", text: "x<y" },
      { type: "text", text: " " },
      { type: "bold", children: [{ type: "text", text: "b" }] },
      { type: "text", text: " " },
      { type: "italic", children: [{ type: "text", text: "c" }] },
      { type: "text", text: " " },
      { type: "italic", children: [{ type: "text", text: "d" }] },
      { type: "text", text: " " },
      { type: "link", href: "https://example.org/p", text: "https://example.org/p" },
      { type: "text", text: " " },
      { type: "mention", username: "bob" },
      { type: "text", text: " " },
      { type: "emoji", emoji: "🎉", shortcode: "tada" },
      { type: "text", text: " z" },
    ]);
  });

  it("leaves markdown links, unknown shortcodes, snake_case and e-mail addresses as text", () => {
    expect(tokenize("[x](https://a.org)")).toEqual([
      { type: "text", text: "[x](" },
      { type: "link", href: "https://a.org/", text: "https://a.org" },
      { type: "text", text: ")" },
    ]);
    expect(tokenize(":nope: snake_case_name me@example.org")).toEqual([{ type: "text", text: ":nope: snake_case_name me@example.org" }]);
  });

  it("keeps trailing punctuation out of links", () => {
    expect(tokenize("see https://example.org/a.")).toEqual([
      { type: "text", text: "see " },
      { type: "link", href: "https://example.org/a", text: "https://example.org/a" },
      { type: "text", text: "." },
    ]);
  });

  it("accepts only http and https link targets without credentials", () => {
    expect(safeHttpUrl("https://example.org")).toBe("https://example.org/");
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,x")).toBeNull();
    expect(safeHttpUrl("https://user:pw@example.org")).toBeNull();
    expect(safeHttpUrl("/relative")).toBeNull();
  });

  it("previews only files uploaded to this gateway", () => {
    const origin = "https://chat.example";
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const text = `https://chat.example/api/uploads/${id} https://evil.example/api/uploads/${id} https://chat.example/api/uploads/${id}?x=1 https://chat.example/api/uploads/1/cat.png https://chat.example/other/${id}`;
    expect(uploadedFileUrls(text, origin)).toEqual([`https://chat.example/api/uploads/${id}`]);
  });
});
