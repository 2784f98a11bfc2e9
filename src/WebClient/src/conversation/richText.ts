import { emojiForShortcode } from "./emoji";

/**
 * A small, safe markdown subset turned into tokens (never into HTML): `code`, **bold**,
 * *italic* / _italic_, http(s) links, @mentions and :emoji: shortcodes. The view renders every
 * token as React text or a fixed element, so user text cannot create markup. Markdown links
 * ([text](url)) are deliberately not supported: the text of a link is always its real address.
 */
export type RichToken =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "bold"; children: RichToken[] }
  | { type: "italic"; children: RichToken[] }
  | { type: "link"; href: string; text: string }
  | { type: "mention"; username: string }
  | { type: "emoji"; emoji: string; shortcode: string };

/** The link target if `raw` is an absolute http(s) URL, normalised; otherwise null. */
export function safeHttpUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password) return null;
  return url.href;
}

// Order matters: code first (its content is literal), then links, then the rest.
const pattern =
  /`([^`\n]{1,2000})`|(https?:\/\/[^\s<>"'`]+)|\*\*([^*\n]{1,2000}?)\*\*|(?<![\w*])\*([^*\s][^*\n]{0,2000}?)\*(?![\w*])|(?<![\w_])_([^_\s][^_\n]{0,2000}?)_(?![\w_])|(?<![\w@])@([A-Za-z0-9_.-]{1,32}[A-Za-z0-9_-])|:([a-z0-9_+-]{1,32}):/g;

/** Trailing punctuation is rarely part of a pasted URL ("see https://x.org/a."). */
function trimUrl(url: string): { url: string; rest: string } {
  const match = /[.,;:!?)\]}]+$/.exec(url);
  if (!match) return { url, rest: "" };
  return { url: url.slice(0, match.index), rest: match[0] };
}

export function tokenize(text: string, depth = 0): RichToken[] {
  const tokens: RichToken[] = [];
  let last = 0;
  const push = (token: RichToken) => {
    const previous = tokens[tokens.length - 1];
    if (token.type === "text" && previous?.type === "text") previous.text += token.text;
    else if (token.type !== "text" || token.text.length > 0) tokens.push(token);
  };
  const re = new RegExp(pattern.source, "g");
  for (let match = re.exec(text); match; match = re.exec(text)) {
    const [whole, code, url, bold, italicStar, italicUnderscore, mention, shortcode] = match;
    push({ type: "text", text: text.slice(last, match.index) });
    last = match.index + whole.length;
    if (code !== undefined) {
      push({ type: "code", text: code });
    } else if (url !== undefined) {
      const { url: clean, rest } = trimUrl(url);
      const href = safeHttpUrl(clean);
      if (href) push({ type: "link", href, text: clean });
      else push({ type: "text", text: clean });
      push({ type: "text", text: rest });
    } else if (bold !== undefined) {
      push(depth < 2 ? { type: "bold", children: tokenize(bold, depth + 1) } : { type: "text", text: whole });
    } else if (italicStar !== undefined || italicUnderscore !== undefined) {
      const inner = (italicStar ?? italicUnderscore)!;
      push(depth < 2 ? { type: "italic", children: tokenize(inner, depth + 1) } : { type: "text", text: whole });
    } else if (mention !== undefined) {
      push({ type: "mention", username: mention });
    } else if (shortcode !== undefined) {
      const emoji = emojiForShortcode(shortcode);
      push(emoji ? { type: "emoji", emoji, shortcode } : { type: "text", text: whole });
    }
  }
  push({ type: "text", text: text.slice(last) });
  return tokens;
}

const uploadPath = /^\/api\/uploads\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Links in a message that point at files uploaded to this gateway (/api/uploads/{id}): only
 * those may get an inline preview, so a message cannot make every reader's browser fetch a
 * foreign URL. Whether one is an image is known only from the served type (the address has no
 * extension), so the preview fetches it and shows images only.
 */
export function uploadedFileUrls(text: string, origin: string): string[] {
  const urls: string[] = [];
  for (const token of tokenize(text)) {
    if (token.type !== "link") continue;
    const url = new URL(token.href);
    if (url.origin === origin && uploadPath.test(url.pathname) && url.search === "" && !urls.includes(url.href)) {
      urls.push(url.href);
    }
  }
  return urls.slice(0, 4);
}
