import type { TypingUser } from "./conversationStore";

export function typingText(users: readonly TypingUser[]): string {
  if (users.length === 0) return "";
  if (users.length === 1) return `${users[0]!.displayName} is typing…`;
  if (users.length === 2) return `${users[0]!.displayName} and ${users[1]!.displayName} are typing…`;
  return "Several people are typing…";
}

export function TypingIndicator({ users }: { users: readonly TypingUser[] }) {
  return (
    <p className="typing-indicator" aria-live="polite">
      {typingText(users)}
    </p>
  );
}
