import { describeError } from "../api/errors";
import { roomsApi, usersApi } from "../api/chatApi";
import type { DmSummary, ReadPosition, RoomSummary } from "../api/types";
import type { ChatHubApi } from "../hub/ChatHub";
import { roomConversationId } from "../hub/protocol";
import { Store } from "../shell/store";

export interface MyConversations {
  rooms: readonly RoomSummary[];
  dms: readonly DmSummary[];
  loaded: boolean;
  roomsError: string | null;
  dmsError: string | null;
}

const initial: MyConversations = { rooms: [], dms: [], loaded: false, roomsError: null, dmsError: null };

/**
 * The rooms the user joined and their DM threads, for the navigation; reloaded when the hub
 * reports a membership change of the user. Each one is handed to `watch` so it stays subscribed.
 */
export class MyConversationsStore extends Store<MyConversations> {
  private readonly disposers: (() => void)[] = [];
  private readonly watch: (conversationIds: string[]) => void;
  private readonly onReadPositions: (positions: readonly { conversationId: string; position: ReadPosition }[]) => void;
  private loading: Promise<void> | null = null;

  constructor(
    hub: ChatHubApi,
    myUserId: string,
    watch: (conversationIds: string[]) => void,
    onReadPositions: (positions: readonly { conversationId: string; position: ReadPosition }[]) => void = () => {},
  ) {
    super(initial);
    this.watch = watch;
    this.onReadPositions = onReadPositions;
    this.disposers.push(
      hub.on("MembershipChanged", (e) => {
        if (e.userId === myUserId) void this.reload();
      }),
      // A DM thread someone else started: the user is not subscribed to it yet, so its first
      // message arrives only as a notification. Reloading lists (and then watches) the thread.
      hub.on("Notification", (n) => {
        if (n.conversationId?.startsWith("dm:") && !this.get().dms.some((d) => d.conversationId === n.conversationId)) void this.reload();
      }),
    );
  }

  close(): void {
    for (const d of this.disposers) d();
  }

  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Adds or replaces a room right away (after create or join) without waiting for the reload. */
  upsertRoom(room: RoomSummary): void {
    this.update((s) => ({ ...s, rooms: [...s.rooms.filter((r) => r.roomId !== room.roomId), room] }));
    this.watch([roomConversationId(room.roomId)]);
  }

  removeRoom(roomId: string): void {
    this.update((s) => ({ ...s, rooms: s.rooms.filter((r) => r.roomId !== roomId) }));
  }

  upsertDm(dm: DmSummary): void {
    this.update((s) => ({ ...s, dms: [...s.dms.filter((d) => d.conversationId !== dm.conversationId), dm] }));
    this.watch([dm.conversationId]);
  }

  private async load(): Promise<void> {
    const [rooms, dms] = await Promise.allSettled([roomsApi.mine(), usersApi.dms()]);
    this.update((s) => ({
      rooms: rooms.status === "fulfilled" ? rooms.value : s.rooms,
      dms: dms.status === "fulfilled" ? dms.value : s.dms,
      loaded: true,
      roomsError: rooms.status === "rejected" ? describeError(rooms.reason) : null,
      dmsError: dms.status === "rejected" ? describeError(dms.reason) : null,
    }));
    const current = this.get();
    const positions = [
      ...current.rooms.map((r) => ({ conversationId: roomConversationId(r.roomId), position: r.readPosition })),
      ...current.dms.map((d) => ({ conversationId: d.conversationId, position: d.readPosition })),
    ].filter((p): p is { conversationId: string; position: ReadPosition } => p.position !== undefined);
    this.onReadPositions(positions);
    this.watch([...current.rooms.map((r) => roomConversationId(r.roomId)), ...current.dms.map((d) => d.conversationId)]);
  }
}
