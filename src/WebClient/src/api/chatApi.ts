import { parseConversationId } from "../hub/protocol";
import { notificationText } from "../notifications/notificationText";
import { ApiError, problemToError } from "./errors";
import { apiBase, http } from "./http";
import type {
  ConversationEntry,
  CreateRoomRequest,
  DmSummary,
  DmThread,
  ItemsPage,
  FriendsResponse,
  GameInvite,
  MemberReadPosition,
  MessagesPage,
  ModerationRequest,
  NotificationItem,
  NotificationsPage,
  NotificationWire,
  ReadPosition,
  Relationship,
  RoomDetails,
  RoomMember,
  RoomRole,
  RoomSummary,
  UpdateProfileRequest,
  UpdateRoomRequest,
  UploadResult,
  UserProfile,
} from "./types";

/**
 * Every chat REST path the client uses, in one table, as docs/api.md fixes them. Where the
 * gateway's answer differs in shape from what the screens use (paged lists, conversation
 * entries), the adapters below convert it, so the screens never see wire shapes.
 */
const e = encodeURIComponent;
export const paths = {
  rooms: "/api/rooms",
  myRooms: "/api/me/rooms",
  room: (roomId: string) => `/api/rooms/${e(roomId)}`,
  joinRoom: (roomId: string) => `/api/rooms/${e(roomId)}/join`,
  leaveRoom: (roomId: string) => `/api/rooms/${e(roomId)}/leave`,
  roomMembers: (roomId: string) => `/api/rooms/${e(roomId)}/members`,
  roomInvites: (roomId: string) => `/api/rooms/${e(roomId)}/invites`,
  roomMemberAction: (roomId: string, userId: string, action: "kick" | "ban" | "mute" | "unmute" | "role") =>
    `/api/rooms/${e(roomId)}/members/${e(userId)}/${action}`,
  roomMessages: (roomId: string) => `/api/rooms/${e(roomId)}/messages`,
  roomReads: (roomId: string) => `/api/rooms/${e(roomId)}/reads`,
  dms: "/api/dms",
  dmMessages: (userId: string) => `/api/dms/${e(userId)}/messages`,
  dmReads: (userId: string) => `/api/dms/${e(userId)}/reads`,
  user: (userId: string) => `/api/users/${e(userId)}`,
  users: "/api/users",
  myProfile: "/api/me/profile",
  myStatus: "/api/me/status",
  friends: "/api/friends",
  friendRequest: (userId: string) => `/api/friends/requests/${e(userId)}`,
  friendRequestAccept: (userId: string) => `/api/friends/requests/${e(userId)}/accept`,
  friendRequestDecline: (userId: string) => `/api/friends/requests/${e(userId)}/decline`,
  friend: (userId: string) => `/api/friends/${e(userId)}`,
  blocks: "/api/blocks",
  block: (userId: string) => `/api/blocks/${e(userId)}`,
  invites: "/api/invites",
  inviteAccept: (inviteId: string) => `/api/invites/${e(inviteId)}/accept`,
  inviteDecline: (inviteId: string) => `/api/invites/${e(inviteId)}/decline`,
  notifications: "/api/notifications",
  notificationsRead: "/api/notifications/read",
  uploads: "/api/uploads",
} as const;

/** The REST history path of a conversation id (room:… or dm:…), seen from `myUserId`. */
export function messagesPath(conversationId: string, myUserId: string): string {
  const ref = parseConversationId(conversationId);
  if (!ref) throw new Error(`Not a conversation id: ${conversationId}`);
  if (ref.kind === "room") return paths.roomMessages(ref.roomId);
  const peer = ref.userIds[0] === myUserId ? ref.userIds[1] : ref.userIds[0];
  return paths.dmMessages(peer);
}

/** The read positions of a conversation's other members (GET …/reads). */
export function readsPath(conversationId: string, myUserId: string): string {
  const ref = parseConversationId(conversationId);
  if (!ref) throw new Error(`Not a conversation id: ${conversationId}`);
  if (ref.kind === "room") return paths.roomReads(ref.roomId);
  return paths.dmReads(ref.userIds[0] === myUserId ? ref.userIds[1] : ref.userIds[0]);
}

function readPositionOf(c: ConversationEntry): ReadPosition {
  return { lastSeq: c.lastSeq, lastReadSeq: c.lastReadSeq, unreadCount: c.unreadCount };
}

/** A room of /api/me/rooms (a `Conversation` of kind room) as the navigation shows it. */
function roomFromConversation(c: ConversationEntry): RoomSummary {
  return { roomId: c.targetId, name: c.title ?? c.targetId, topic: "", memberCount: 0, isMember: true, myRole: c.role, readPosition: readPositionOf(c) };
}

/** A DM thread of /api/dms; the entry carries the other user's id and name only. */
function dmFromConversation(c: ConversationEntry): DmSummary {
  const name = c.title ?? c.targetId;
  return {
    conversationId: c.conversationId,
    readPosition: readPositionOf(c),
    user: { userId: c.targetId, username: name, displayName: name, avatarUrl: null, bio: "", presence: "offline", customStatus: null, isGuest: false },
  };
}

function notificationFromWire(n: NotificationWire): NotificationItem {
  return { id: String(n.id), kind: n.kind, conversationId: n.conversationId, text: notificationText(n.kind, n.text), createdAt: n.createdAt, read: n.read };
}

export const roomsApi = {
  directory: async (search: string, signal?: AbortSignal) =>
    (await http.get<ItemsPage<RoomSummary>>(paths.rooms, { query: { search }, signal })).items,
  mine: async () => (await http.get<ConversationEntry[]>(paths.myRooms)).map(roomFromConversation),
  get: (roomId: string) => http.get<RoomDetails>(paths.room(roomId)),
  create: (body: CreateRoomRequest) => http.post<RoomDetails>(paths.rooms, body),
  update: (roomId: string, body: UpdateRoomRequest) => http.patch<RoomDetails>(paths.room(roomId), body),
  remove: (roomId: string) => http.delete<void>(paths.room(roomId)),
  join: (roomId: string, password?: string) =>
    http.post<RoomDetails>(paths.joinRoom(roomId), password === undefined ? {} : { password }),
  leave: (roomId: string) => http.post<void>(paths.leaveRoom(roomId)),
  /** Every member, following `nextAfter` through the pages (limit 100 each). */
  members: async (roomId: string) => {
    const all: RoomMember[] = [];
    let after: string | null = null;
    do {
      const page: ItemsPage<RoomMember> = await http.get<ItemsPage<RoomMember>>(paths.roomMembers(roomId), { query: { after, limit: 100 } });
      all.push(...page.items);
      after = page.items.length > 0 ? page.nextAfter : null;
    } while (after);
    return all;
  },
  invite: (roomId: string, userId: string) => http.post<void>(paths.roomInvites(roomId), { userId }),
  kick: (roomId: string, userId: string) => http.post<void>(paths.roomMemberAction(roomId, userId, "kick")),
  ban: (roomId: string, userId: string, body: ModerationRequest) =>
    http.post<void>(paths.roomMemberAction(roomId, userId, "ban"), body),
  mute: (roomId: string, userId: string, body: ModerationRequest) =>
    http.post<void>(paths.roomMemberAction(roomId, userId, "mute"), body),
  unmute: (roomId: string, userId: string) => http.post<void>(paths.roomMemberAction(roomId, userId, "unmute")),
  setRole: (roomId: string, userId: string, role: RoomRole) =>
    http.put<void>(paths.roomMemberAction(roomId, userId, "role"), { role }),
};

export const messagesApi = {
  /** Older history: messages with seq < before (newest page when before is null), oldest first. */
  page: (conversationId: string, myUserId: string, before: number | null, limit = 50) =>
    http.get<MessagesPage>(messagesPath(conversationId, myUserId), { query: { before, limit } }),
  /** Newer history: messages with seq > after, oldest first (catch-up beyond the hub's 500). */
  after: (conversationId: string, myUserId: string, after: number, limit = 200) =>
    http.get<MessagesPage>(messagesPath(conversationId, myUserId), { query: { after, limit } }),
  /** How far the other members have read: where read receipts start for a newly opened conversation. */
  reads: (conversationId: string, myUserId: string) =>
    http.get<MemberReadPosition[]>(readsPath(conversationId, myUserId)),
};

export const usersApi = {
  get: (userId: string) => http.get<UserProfile>(paths.user(userId)),
  search: (search: string) => http.get<UserProfile[]>(paths.users, { query: { search } }),
  updateMe: (body: UpdateProfileRequest) => http.patch<UserProfile>(paths.myProfile, body),
  /** The custom status (null or empty clears it); friends are told. */
  setStatus: (customStatus: string | null) => http.put<UserProfile>(paths.myStatus, { customStatus }),
  /**
   * The user's DM threads. An entry names the other user by id only (its title is empty), so
   * each peer's profile is read for the name and presence the navigation shows.
   */
  dms: async () => {
    const threads = (await http.get<ConversationEntry[]>(paths.dms)).map(dmFromConversation);
    return Promise.all(
      threads.map(async (dm) => {
        try {
          return { ...dm, user: await http.get<UserProfile>(paths.user(dm.user.userId)) };
        } catch {
          return dm;
        }
      }),
    );
  },
  /** Starts or gets the thread; the answer names the other user by id, so the profile is read too. */
  openDm: async (userId: string): Promise<DmSummary> => {
    const [thread, user] = await Promise.all([http.post<DmThread>(paths.dms, { userId }), http.get<UserProfile>(paths.user(userId))]);
    return { conversationId: thread.conversationId, user };
  },
};

export const friendsApi = {
  list: () => http.get<FriendsResponse>(paths.friends),
  request: (userId: string) => http.post<void>(paths.friendRequest(userId)),
  cancel: (userId: string) => http.delete<void>(paths.friendRequest(userId)),
  accept: (userId: string) => http.post<void>(paths.friendRequestAccept(userId)),
  decline: (userId: string) => http.post<void>(paths.friendRequestDecline(userId)),
  remove: (userId: string) => http.delete<void>(paths.friend(userId)),
  block: (userId: string) => http.put<void>(paths.block(userId)),
  /** User ids the caller blocks. */
  blocked: () => http.get<string[]>(paths.blocks),
  /**
   * Where the caller stands with a user. Profiles do not say it, so it is read from the
   * caller's friends and blocks (a block wins: it ends friendship and requests).
   */
  relationshipWith: async (userId: string): Promise<Relationship> => {
    const [lists, blocked] = await Promise.all([friendsApi.list(), friendsApi.blocked()]);
    const has = (list: readonly { userId: string }[]) => list.some((u) => u.userId === userId);
    if (blocked.includes(userId)) return "blocked";
    if (has(lists.friends)) return "friends";
    if (has(lists.incoming)) return "incoming";
    if (has(lists.outgoing)) return "outgoing";
    return "none";
  },
  unblock: (userId: string) => http.delete<void>(paths.block(userId)),
};

export const invitesApi = {
  list: () => http.get<GameInvite[]>(paths.invites),
  send: (userId: string, game: string) => http.post<GameInvite>(paths.invites, { userId, game }),
  accept: (inviteId: string) => http.post<void>(paths.inviteAccept(inviteId)),
  decline: (inviteId: string) => http.post<void>(paths.inviteDecline(inviteId)),
};

export const notificationsApi = {
  list: async () => (await http.get<NotificationsPage>(paths.notifications)).items.map(notificationFromWire),
  /** Marks every notification up to this one (ids grow) as read. */
  markRead: (id: string) => http.post<{ unreadCount: number }>(paths.notificationsRead, { upToId: Number(id) }),
};

export interface UploadHandle {
  promise: Promise<UploadResult>;
  abort(): void;
}

/**
 * Uploads one file as multipart/form-data (field "file"), reporting progress from 0 to 1.
 * XMLHttpRequest rather than fetch: fetch has no upload progress events.
 */
/** What an upload is for: a file shared in one conversation (only its members may fetch it), or the user's avatar (public). */
export type UploadTarget = { conversationId: string } | { purpose: "avatar" };

export function upload(file: File, target: UploadTarget, token: string | null, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<UploadResult>((resolve, reject) => {
    xhr.open("POST", apiBase + paths.uploads);
    xhr.responseType = "text";
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as UploadResult);
      } else {
        reject(problemToError(xhr.status, body, xhr.getResponseHeader("retry-after")));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "network.unreachable", "The upload failed: the server cannot be reached."));
    xhr.onabort = () => reject(new ApiError(0, "upload.aborted", "The upload was cancelled."));
    const form = new FormData();
    form.append("file", file, file.name);
    if ("conversationId" in target) form.append("conversationId", target.conversationId);
    else form.append("purpose", target.purpose);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
