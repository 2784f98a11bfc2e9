/**
 * What a notification says. The server's text is optional (a friend acceptance has none, a
 * direct message carries only a preview of the message), so the kind names what happened and
 * the text, when there is one, follows.
 */
const labels: Readonly<Record<string, string>> = {
  directMessage: "New direct message",
  mention: "You were mentioned",
  friendRequest: "New friend request",
  friendAccepted: "Your friend request was accepted",
  gameInvite: "You are invited to a game",
  gameInviteAnswered: "Your game invitation was answered",
  roomInvite: "You are invited to a room",
  moderation: "A moderator changed your membership",
};

export function notificationText(kind: string, text: string | null | undefined): string {
  const label = labels[kind];
  const body = text?.trim() ?? "";
  if (!label) return body || "New notification";
  return body ? `${label}: ${body}` : label;
}
