import { useId, useState } from "react";
import { roomsApi, usersApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import { useServices } from "../shell/ServicesContext";

/** Invites a user, by username, to a (private) room. */
export function InviteToRoomForm({ roomId }: { roomId: string }) {
  const { toasts } = useServices();
  const [username, setUsername] = useState("");
  const [busy, setBusy] = useState(false);
  const id = useId();

  const invite = async () => {
    const wanted = username.trim().toLowerCase();
    setBusy(true);
    try {
      const user = (await usersApi.search(wanted)).find((u) => u.username.toLowerCase() === wanted);
      if (!user) {
        toasts.error(`Nobody is called ${username.trim()}.`);
        return;
      }
      await roomsApi.invite(roomId, user.userId);
      toasts.show(`${user.username} is invited.`, "success");
      setUsername("");
    } catch (e) {
      toasts.error(`The invitation failed: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="row wrap invite-form"
      onSubmit={(e) => {
        e.preventDefault();
        void invite();
      }}
    >
      <label htmlFor={`${id}-user`}>Invite by username</label>
      <input id={`${id}-user`} value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
      <button type="submit" className="button-small" disabled={busy || username.trim().length < 3}>
        Invite
      </button>
    </form>
  );
}
