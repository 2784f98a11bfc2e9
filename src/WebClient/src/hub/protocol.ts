/**
 * Types of the chat hub at /hubs/chat, exactly as docs/hub-protocol.md fixes them.
 * Anything not in that document does not belong here.
 */

export const hubPath = "/hubs/chat";

export type Presence = "online" | "away" | "offline";

export interface ReactionView {
  emoji: string;
  userIds: string[];
}

export interface MessageView {
  conversationId: string;
  seq: number;
  messageId: string;
  senderId: string;
  senderName: string;
  text: string;
  sentAt: string;
  editedAt: string | null;
  deleted: boolean;
  replyToSeq: number | null;
  mentions: string[];
  reactions: ReactionView[];
}

export interface SubscribeResult {
  conversationId: string;
  missed: MessageView[];
  latestSeq: number;
  /** More than the 500 returned were missed: page the rest through REST. */
  hasMore?: boolean;
}

export interface SendResult {
  seq: number;
  messageId: string;
  sentAt: string;
}

export interface MessageDeletedEvent {
  conversationId: string;
  seq: number;
}

export interface ReactionsChangedEvent {
  conversationId: string;
  seq: number;
  reactions: ReactionView[];
}

export interface TypingEvent {
  conversationId: string;
  userId: string;
  displayName: string;
}

export interface PresenceChangedEvent {
  userId: string;
  presence: Presence;
  customStatus: string | null;
}

export interface MembershipChangedEvent {
  conversationId: string;
  userId: string;
  change: string;
  role: string | null;
}

export interface NotificationEvent {
  id: string;
  kind: string;
  conversationId: string | null;
  text: string;
  createdAt: string;
}

export interface ReadReceiptEvent {
  conversationId: string;
  userId: string;
  /** The newest message the member has read. */
  seq: number;
  at: string;
}

/** Server → client events and their payloads. */
export interface HubEvents {
  MessagePosted: MessageView;
  MessageEdited: MessageView;
  MessageDeleted: MessageDeletedEvent;
  ReactionsChanged: ReactionsChangedEvent;
  Typing: TypingEvent;
  PresenceChanged: PresenceChangedEvent;
  MembershipChanged: MembershipChangedEvent;
  Notification: NotificationEvent;
  ReadReceipt: ReadReceiptEvent;
}

export type HubEventName = keyof HubEvents;

export const hubEventNames: readonly HubEventName[] = [
  "MessagePosted",
  "MessageEdited",
  "MessageDeleted",
  "ReactionsChanged",
  "Typing",
  "PresenceChanged",
  "MembershipChanged",
  "Notification",
  "ReadReceipt",
];

// --- Conversation ids: "room:<roomId>" or "dm:<userIdA>:<userIdB>" (ids sorted ordinally) ---

export type ConversationRef = { kind: "room"; roomId: string } | { kind: "dm"; userIds: [string, string] };

export function roomConversationId(roomId: string): string {
  return `room:${roomId}`;
}

/** Ordinal comparison, as .NET's string.CompareOrdinal: by UTF-16 code unit. */
function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dmConversationId(userA: string, userB: string): string {
  const [first, second] = [userA, userB].sort(compareOrdinal);
  return `dm:${first}:${second}`;
}

export function parseConversationId(id: string): ConversationRef | null {
  if (id.startsWith("room:") && id.length > 5) return { kind: "room", roomId: id.slice(5) };
  const parts = id.split(":");
  if (parts.length === 3 && parts[0] === "dm" && parts[1] && parts[2]) {
    return { kind: "dm", userIds: [parts[1], parts[2]] };
  }
  return null;
}

/** The other participant of a DM conversation, seen from `myUserId`. */
export function dmPeer(conversationId: string, myUserId: string): string | null {
  const ref = parseConversationId(conversationId);
  if (ref?.kind !== "dm") return null;
  return ref.userIds[0] === myUserId ? ref.userIds[1] : ref.userIds[0];
}
