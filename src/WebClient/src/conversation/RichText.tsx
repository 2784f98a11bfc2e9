import type { ReactNode } from "react";
import { tokenize, type RichToken } from "./richText";

function render(tokens: RichToken[], highlight: (username: string) => boolean): ReactNode[] {
  return tokens.map((token, index) => {
    switch (token.type) {
      case "text":
        return token.text;
      case "code":
        return <code key={index}>{token.text}</code>;
      case "bold":
        return <strong key={index}>{render(token.children, highlight)}</strong>;
      case "italic":
        return <em key={index}>{render(token.children, highlight)}</em>;
      case "link":
        return (
          <a key={index} href={token.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {token.text}
          </a>
        );
      case "mention":
        return (
          <span key={index} className={highlight(token.username) ? "mention mention-me" : "mention"}>
            @{token.username}
          </span>
        );
      case "emoji":
        return (
          <span key={index} role="img" aria-label={token.shortcode}>
            {token.emoji}
          </span>
        );
    }
  });
}

/** Message text with the safe markdown subset; all user content ends up as text nodes. */
export function RichText({ text, myUsername }: { text: string; myUsername?: string }) {
  const me = myUsername?.toLowerCase();
  return <>{render(tokenize(text), (u) => u.toLowerCase() === me)}</>;
}
