import type { MessageView, Presence } from "../hub/protocol";

// --- Auth (defined by the gateway today: src/Gateway/Auth/Contracts) ---

export interface UserSummary {
  userId: string;
  username: string;
  isGuest: boolean;
}

export interface TokenResponse {
  tokenType: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  expiresIn: number;
  /** Only for the hub's WebSocket URL (`access_token`); expires with the access token. */
  hubToken: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: UserSummary;
}

export interface MeResponse {
  userId: string;
  username: string;
  isGuest: boolean;
  createdAt: string;
  sessionId: string;
}

// --- Chat REST (docs/api.md; wire shapes are adapted to these in api/chatApi.ts) ---

export type RoomVisibility = "public" | "private" | "password";
export type RoomRole = "owner" | "admin" | "member";

export interface RoomSummary {
  roomId: string;
  name: string;
  topic: string;
  /** Absent for the user's own rooms as /api/me/rooms lists them (it does not say). */
  visibility?: RoomVisibility;
  memberCount: number;
  isMember?: boolean;
  myRole?: RoomRole | null;
  /** The server's read position, for the user's own rooms (/api/me/rooms). */
  readPosition?: ReadPosition;
}

/** How far the user has read a conversation, as the server keeps it (moved by MarkRead). */
export interface ReadPosition {
  lastSeq: number;
  lastReadSeq: number;
  /** Messages by others after the read position. */
  unreadCount: number;
}

/** `Room` of docs/api.md: what GET/POST/PATCH /api/rooms/{roomId} and join answer. */
export interface RoomDetails extends RoomSummary {
  visibility: RoomVisibility;
  conversationId: string;
  ownerId: string;
  createdAt: string;
  lastSeq: number;
  myRole: RoomRole | null;
  isMember: boolean;
}

/** A page of a paged list (`{ items, nextAfter }`): the room directory, a room's members. */
export interface ItemsPage<T> {
  items: T[];
  nextAfter: string | null;
}

/** `Conversation` of docs/api.md: an entry of /api/me/rooms, /api/me/conversations and /api/dms. */
export interface ConversationEntry {
  conversationId: string;
  kind: "room" | "dm";
  /** The room id, or the other user's id for a DM. */
  targetId: string;
  title: string | null;
  role: RoomRole | null;
  lastSeq: number;
  lastReadSeq: number;
  unreadCount: number;
}

/** What POST /api/dms answers (start or get a thread). */
export interface DmThread {
  conversationId: string;
  otherUserId: string;
  createdAt: string;
  lastSeq: number;
  blocked: boolean;
}

export interface CreateRoomRequest {
  name: string;
  topic: string;
  visibility: RoomVisibility;
  password?: string;
}

export interface UpdateRoomRequest {
  name?: string;
  topic?: string;
  visibility?: RoomVisibility;
  password?: string;
}

export interface RoomMember {
  userId: string;
  username: string;
  displayName: string;
  role: RoomRole;
  presence: Presence;
  customStatus?: string | null;
  joinedAt?: string;
  mutedUntil?: string | null;
}

export type Relationship = "none" | "friends" | "incoming" | "outgoing" | "blocked";

export interface UserProfile {
  userId: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  bio: string | null;
  presence: Presence;
  customStatus: string | null;
  isGuest: boolean;
  relationship?: Relationship;
}

/** PATCH /api/me/profile: absent fields stay; an empty avatarUrl or bio clears it. */
export interface UpdateProfileRequest {
  displayName?: string;
  bio?: string;
  /** An https URL or an uploaded avatar's /api/uploads/{id}. */
  avatarUrl?: string;
}

export interface FriendsResponse {
  friends: UserProfile[];
  incoming: UserProfile[];
  outgoing: UserProfile[];
}

export interface DmSummary {
  conversationId: string;
  user: UserProfile;
  lastMessageAt?: string | null;
  readPosition?: ReadPosition;
}

/** How far another member has read a conversation (GET …/reads). */
export interface MemberReadPosition {
  userId: string;
  seq: number;
}

export interface MessagesPage {
  messages: MessageView[];
  hasMore: boolean;
  lastSeq?: number;
}

export interface UploadResult {
  uploadId: string;
  url: string;
  contentType: string;
  size: number;
  fileName: string;
}

export type InviteStatus = "pending" | "accepted" | "declined" | "expired";

export interface GameInvite {
  inviteId: string;
  fromUserId: string;
  fromName: string;
  toUserId: string;
  toName: string;
  game: string;
  status: InviteStatus;
  createdAt: string;
}

export interface NotificationItem {
  id: string;
  kind: string;
  conversationId: string | null;
  text: string;
  createdAt: string;
  read?: boolean;
}

/** `Notification` of docs/api.md as the REST API sends it (numeric id, nullable text). */
export interface NotificationWire {
  id: number;
  kind: string;
  actorId: string | null;
  conversationId: string | null;
  seq: number | null;
  text: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationsPage {
  items: NotificationWire[];
  unreadCount: number;
}

export interface ModerationRequest {
  /** Minutes; null or absent for a permanent ban / an open-ended mute. */
  durationMinutes?: number | null;
  reason?: string;
}
