import { useId, useState } from "react";
import { roomsApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { RoomSummary } from "../api/types";
import { useServices } from "../shell/ServicesContext";

interface Props {
  room: Pick<RoomSummary, "roomId" | "name" | "visibility">;
  onJoined: (room: RoomSummary) => void;
  compact?: boolean;
}

/** Joins a room; password-protected rooms ask for the password first. */
export function JoinRoomForm({ room, onJoined, compact }: Props) {
  const { mine } = useServices();
  const [password, setPassword] = useState("");
  const [askPassword, setAskPassword] = useState(!compact && room.visibility === "password");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  if (room.visibility === "private") {
    return <p className="muted">Invite only: a member has to invite you.</p>;
  }

  const join = async () => {
    setBusy(true);
    setError(null);
    try {
      const joined = await roomsApi.join(room.roomId, room.visibility === "password" ? password : undefined);
      const summary: RoomSummary = { ...joined, isMember: true };
      mine.upsertRoom(summary);
      onJoined(summary);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  if (!askPassword) {
    return (
      <div className="join-room">
        <button
          type="button"
          className="button-small"
          disabled={busy}
          aria-label={`Join ${room.name}`}
          onClick={() => (room.visibility === "password" ? setAskPassword(true) : void join())}
        >
          Join
        </button>
        {error && <span className="error-text" role="alert"> {error}</span>}
      </div>
    );
  }

  return (
    <form
      className="join-room row wrap"
      onSubmit={(e) => {
        e.preventDefault();
        void join();
      }}
    >
      <label htmlFor={`${id}-password`}>Password for {room.name}</label>
      <input
        id={`${id}-password`}
        type="password"
        autoComplete="off"
        value={password}
        required
        autoFocus
        onChange={(e) => setPassword(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="button-small" disabled={busy || password.length === 0}>
        Join
      </button>
      {error && (
        <p id={`${id}-error`} className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
