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

// --- Chat REST (expected shapes; see api/chatApi.ts) ---

export type RoomVisibility = "public" | "private" | "password";
export type RoomRole = "owner" | "admin" | "member";

export interface RoomSummary {
  roomId: string;
  name: string;
  topic: string;
  visibility: RoomVisibility;
  memberCount: number;
  isMember?: boolean;
  myRole?: RoomRole | null;
}

export interface RoomDetails extends RoomSummary {
  ownerId: string;
  createdAt: string;
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
  mutedUntil?: string | null;
}

export type Relationship = "none" | "friends" | "incoming" | "outgoing" | "blocked";

export interface UserProfile {
  userId: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  bio: string;
  presence: Presence;
  customStatus: string | null;
  isGuest: boolean;
  relationship?: Relationship;
}

export interface UpdateProfileRequest {
  displayName?: string;
  bio?: string;
  customStatus?: string | null;
  presence?: Presence;
  avatarUploadId?: string | null;
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
}

export interface MessagesPage {
  messages: MessageView[];
  hasMore: boolean;
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

export interface ModerationRequest {
  /** Minutes; null or absent for a permanent ban / an open-ended mute. */
  durationMinutes?: number | null;
  reason?: string;
}
