import { useEffect, useId, useState } from "react";
import { roomsApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { RoomVisibility } from "../api/types";
import { roomConversationId } from "../hub/protocol";
import { MemberList } from "../people/MemberList";
import { InviteToRoomForm } from "../rooms/InviteToRoomForm";
import { Link } from "../shell/Link";
import { navigate, routes } from "../shell/router";
import { useServices } from "../shell/ServicesContext";
import { useAsync } from "../shell/useAsync";
import { ErrorNote, Loading, Page } from "../shell/ui";

/** Owners and admins: edit name, topic, visibility and password; moderate members; owners delete the room. */
export function RoomSettings({ roomId }: { roomId: string }) {
  const { toasts, mine, conversations } = useServices();
  const room = useAsync(() => roomsApi.get(roomId), [roomId]);
  const members = useAsync(() => roomsApi.members(roomId), [roomId]);
  const [name, setName] = useState("");
  const [topic, setTopic] = useState("");
  const [visibility, setVisibility] = useState<RoomVisibility>("public");
  const [password, setPassword] = useState("");
  const [confirmName, setConfirmName] = useState("");
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (!room.data) return;
    setName(room.data.name);
    setTopic(room.data.topic);
    setVisibility(room.data.visibility);
  }, [room.data]);

  if (room.loading && !room.data) return <Loading what="room settings" />;
  if (!room.data) {
    return (
      <Page title="Room settings">
        <ErrorNote error={room.error} prefix="The room could not be loaded" />
        <Link to={routes.room(roomId)}>Back to the room</Link>
      </Page>
    );
  }
  const myRole = room.data.myRole;
  if (myRole !== "owner" && myRole !== "admin") {
    return (
      <Page title="Room settings">
        <p>Only the room's owner and admins can change its settings.</p>
      </Page>
    );
  }

  const save = async () => {
    setBusy(true);
    try {
      const updated = await roomsApi.update(roomId, {
        name: name.trim(),
        topic: topic.trim(),
        visibility,
        ...(visibility === "password" && password ? { password } : {}),
      });
      room.setData(updated);
      mine.upsertRoom({ ...updated, isMember: true });
      setPassword("");
      toasts.show("Room settings saved.", "success");
    } catch (e) {
      toasts.error(`Saving failed: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await roomsApi.remove(roomId);
      mine.removeRoom(roomId);
      conversations.unwatch(roomConversationId(roomId));
      toasts.show(`#${room.data!.name} was deleted.`, "success");
      navigate(routes.directory(), { replace: true });
    } catch (e) {
      toasts.error(`Deleting failed: ${describeError(e)}`);
      setBusy(false);
    }
  };

  return (
    <Page title={`Settings of #${room.data.name}`} actions={<Link to={routes.room(roomId)}>Back to the room</Link>}>
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>Room name</label>
          <input id={`${id}-name`} value={name} required maxLength={64} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>Topic</label>
          <input id={`${id}-topic`} value={topic} maxLength={256} onChange={(e) => setTopic(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-visibility`}>Who can join</label>
          <select id={`${id}-visibility`} value={visibility} onChange={(e) => setVisibility(e.target.value as RoomVisibility)}>
            <option value="public">Public</option>
            <option value="private">Private (invite only)</option>
            <option value="password">Password-protected</option>
          </select>
        </div>
        {visibility === "password" && (
          <div className="field">
            <label htmlFor={`${id}-password`}>New password {room.data.visibility === "password" ? "(leave empty to keep)" : ""}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="new-password"
              value={password}
              required={room.data.visibility !== "password"}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
        )}
        <button type="submit" disabled={busy}>
          Save settings
        </button>
      </form>

      <section className="card" aria-labelledby={`${id}-members`}>
        <h2 id={`${id}-members`}>Members and moderation</h2>
        <InviteToRoomForm roomId={roomId} />
        <MemberList roomId={roomId} members={members.data} error={members.error} loading={members.loading} myRole={myRole} onChanged={members.reload} />
      </section>

      {myRole === "owner" && (
        <form
          className="card form danger-zone"
          aria-labelledby={`${id}-delete`}
          onSubmit={(e) => {
            e.preventDefault();
            void remove();
          }}
        >
          <h2 id={`${id}-delete`}>Delete this room</h2>
          <p>Deleting removes the room and its history for everyone. Type the room's name to confirm.</p>
          <div className="field">
            <label htmlFor={`${id}-confirm`}>Room name</label>
            <input id={`${id}-confirm`} value={confirmName} onChange={(e) => setConfirmName(e.target.value)} autoComplete="off" />
          </div>
          <button type="submit" className="button-danger" disabled={busy || confirmName !== room.data.name}>
            Delete room
          </button>
        </form>
      )}
    </Page>
  );
}
