import type { Presence } from "../hub/protocol";
import { presenceLabel } from "./PresenceStore";

function initials(name: string): string {
  const parts = name.trim().split(/[\s._-]+/).filter(Boolean);
  const letters = (parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[1]?.[0] ?? "") : "");
  return letters.toUpperCase();
}

/** Same-origin avatar images only (uploads); anything else shows initials. */
function safeAvatar(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.origin === window.location.origin ? parsed.href : null;
  } catch {
    return null;
  }
}

export function Avatar({ name, url, size = "medium" }: { name: string; url?: string | null; size?: "small" | "medium" | "large" }) {
  const src = safeAvatar(url);
  return src ? (
    <img className={`avatar avatar-${size}`} src={src} alt="" />
  ) : (
    <span className={`avatar avatar-${size}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export function PresenceDot({ presence }: { presence: Presence }) {
  return <span className={`presence presence-${presence}`} role="img" aria-label={presenceLabel(presence)} />;
}
