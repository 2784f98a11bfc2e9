import { useEffect, useMemo, useState } from "react";
import { roomsApi } from "../api/chatApi";
import { ApiError, describeError } from "../api/errors";
import type { RoomSummary, RoomVisibility } from "../api/types";
import { ConversationView } from "../conversation/ConversationView";
import { roomConversationId } from "../hub/protocol";
import { MemberList } from "../people/MemberList";
import { Link } from "../shell/Link";
import { navigate, routes } from "../shell/router";
import { useStore } from "../shell/store";
import { useServices } from "../shell/ServicesContext";
import { useAsync } from "../shell/useAsync";
import { Loading, Page } from "../shell/ui";
import { InviteToRoomForm } from "./InviteToRoomForm";
import { JoinRoomForm } from "./JoinRoomForm";

const joinCodes = new Set(["room.not_member", "room.wrong_password", "room.invite_required"]);
const removedChanges = new Set(["kicked", "banned", "removed", "left"]);

export function RoomView({ roomId }: { roomId: string }) {
  const { mine, hub, me, presence, toasts, conversations } = useServices();
  const myRooms = useStore(mine).rooms;
  const known = myRooms.find((r) => r.roomId === roomId);
  const room = useAsync(() => roomsApi.get(roomId), [roomId]);
  const members = useAsync(() => presence.seedFrom(roomsApi.members(roomId), (d) => d), [roomId]);
  const [panelOpen, setPanelOpen] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const conversationId = roomConversationId(roomId);
  const reloadMembers = members.reload;
  const reloadRoom = room.reload;

  useEffect(
    () =>
      hub.on("MembershipChanged", (e) => {
        if (e.conversationId !== conversationId) return;
        const deleted = e.change === "roomDeleted";
        if (deleted || (e.userId === me.userId && removedChanges.has(e.change))) {
          toasts.show(deleted ? "This room was deleted." : `You are no longer a member of this room (${e.change}).`, "error");
          mine.removeRoom(roomId);
          conversations.unwatch(conversationId);
          navigate(routes.directory(), { replace: true });
          return;
        }
        // The room's own details carry the caller's role and its name and topic.
        if (e.change === "roomUpdated" || (e.userId === me.userId && e.change === "roleChanged")) reloadRoom();
        reloadMembers();
      }),
    [hub, conversationId, me.userId, toasts, mine, roomId, conversations, reloadMembers, reloadRoom],
  );

  const summary: RoomSummary | undefined = room.data ?? known;
  const myMember = members.data?.find((m) => m.userId === me.userId);
  const myRole = room.data?.myRole ?? known?.myRole ?? myMember?.role ?? null;
  const mutedUntil = myMember?.mutedUntil ? Date.parse(myMember.mutedUntil) : 0;
  const candidates = useMemo(
    () => (members.data ?? []).map((m) => ({ userId: m.userId, username: m.username, displayName: m.displayName })),
    [members.data],
  );

  if (room.loading && !summary) return <Loading what="the room" />;

  const error = room.error instanceof ApiError ? room.error : null;
  if (error?.code === "room.not_found") {
    return (
      <Page title="Room not found">
        <p>This room does not exist or was deleted.</p>
        <Link to={routes.directory()}>Browse rooms</Link>
      </Page>
    );
  }
  if ((error && joinCodes.has(error.code)) || (room.data && room.data.isMember === false)) {
    // Without the room's details the refusal says what joining needs.
    const visibility: RoomVisibility =
      error?.code === "room.invite_required" ? "private" : error?.code === "room.wrong_password" ? "password" : (known?.visibility ?? "public");
    const target = room.data ?? { roomId, name: known?.name ?? "this room", visibility };
    return (
      <Page title={room.data ? `#${room.data.name}` : "Join room"}>
        {room.data?.topic && <p>{room.data.topic}</p>}
        <p>You are not a member of this room yet.</p>
        <JoinRoomForm room={target} onJoined={() => room.reload()} />
      </Page>
    );
  }

  const title = summary ? `#${summary.name}` : "Room";
  const leave = async () => {
    try {
      await roomsApi.leave(roomId);
      mine.removeRoom(roomId);
      conversations.unwatch(conversationId);
      navigate(routes.directory());
    } catch (e) {
      toasts.error(`Could not leave: ${describeError(e)}`);
    }
  };

  return (
    <ConversationView
      conversationId={conversationId}
      title={title}
      subtitle={
        summary?.topic || room.error ? (
          <>
            {summary?.topic}
            {room.error && !summary ? `Room details unavailable: ${describeError(room.error)}` : null}
          </>
        ) : undefined
      }
      members={candidates}
      canModerate={myRole === "owner" || myRole === "admin"}
      disabledReason={mutedUntil > Date.now() ? `You are muted until ${new Date(mutedUntil).toLocaleString()}.` : null}
      sidePanelOpen={panelOpen}
      sidePanel={
        <>
          <MemberList roomId={roomId} members={members.data} error={members.error} loading={members.loading} myRole={myRole} onChanged={members.reload} />
          {summary?.visibility === "private" && <InviteToRoomForm roomId={roomId} />}
        </>
      }
      headerActions={
        <>
          <button type="button" className="button-small button-secondary members-toggle" aria-expanded={panelOpen} onClick={() => setPanelOpen((o) => !o)}>
            Members{members.data ? ` (${members.data.length})` : ""}
          </button>
          {(myRole === "owner" || myRole === "admin") && (
            <Link className="button-small button-secondary" to={routes.roomSettings(roomId)}>
              Settings
            </Link>
          )}
          {myRole !== "owner" &&
            (confirmLeave ? (
              <span className="row" role="group" aria-label="Confirm leaving">
                <button type="button" className="button-small button-danger" onClick={() => void leave()}>
                  Leave
                </button>
                <button type="button" className="button-small button-secondary" onClick={() => setConfirmLeave(false)}>
                  Stay
                </button>
              </span>
            ) : (
              <button type="button" className="button-small button-secondary" onClick={() => setConfirmLeave(true)}>
                Leave…
              </button>
            ))}
        </>
      }
    />
  );
}
