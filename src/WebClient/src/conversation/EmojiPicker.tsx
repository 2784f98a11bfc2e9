import { useEffect, useRef } from "react";
import { emojiList } from "./emoji";

interface Props {
  label: string;
  onPick: (emoji: string) => void;
  onClose: () => void;
}

/** A small grid of emoji buttons; arrow keys move between them, Escape closes. */
export function EmojiPicker({ label, onPick, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const columns = 6;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      buttons[Math.min(buttons.length - 1, Math.max(0, index + move))]?.focus();
    }
  };

  return (
    <div ref={ref} className="emoji-picker" role="dialog" aria-label={label} onKeyDown={onKeyDown}>
      <div className="emoji-grid">
        {emojiList.map((entry) => (
          <button
            key={entry.name}
            type="button"
            className="emoji-button"
            aria-label={entry.name.replace(/_/g, " ")}
            title={`:${entry.name}:`}
            onClick={() => onPick(entry.emoji)}
          >
            {entry.emoji}
          </button>
        ))}
      </div>
    </div>
  );
}
