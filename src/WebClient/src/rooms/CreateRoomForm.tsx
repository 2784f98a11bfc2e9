import { useId, useState } from "react";
import { roomsApi } from "../api/chatApi";
import { ApiError, describeError } from "../api/errors";
import type { RoomVisibility } from "../api/types";
import { navigate, routes } from "../shell/router";
import { useServices } from "../shell/ServicesContext";

const visibilities: readonly { value: RoomVisibility; label: string; hint: string }[] = [
  { value: "public", label: "Public", hint: "Listed in the directory; anyone can join." },
  { value: "private", label: "Private", hint: "Invite only; not listed." },
  { value: "password", label: "Password-protected", hint: "Listed; joining needs the password." },
];

/** Creates a room (registered users only: guests cannot create rooms). */
export function CreateRoomForm({ onCreated }: { onCreated?: () => void }) {
  const { me, mine } = useServices();
  const [name, setName] = useState("");
  const [topic, setTopic] = useState("");
  const [visibility, setVisibility] = useState<RoomVisibility>("public");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  if (me.isGuest) {
    return <p className="muted">Guests cannot create rooms. Sign up for an account to create one.</p>;
  }

  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldErrors[field]?.join(" ") : undefined);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const room = await roomsApi.create({
        name: name.trim(),
        topic: topic.trim(),
        visibility,
        ...(visibility === "password" ? { password } : {}),
      });
      mine.upsertRoom({ ...room, isMember: true, myRole: "owner" });
      onCreated?.();
      navigate(routes.room(room.roomId));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(describeError(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-title`}>Create a room</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Room name</label>
        <input id={`${id}-name`} value={name} required maxLength={64} onChange={(e) => setName(e.target.value)} aria-invalid={fieldError("name") ? true : undefined} />
        {fieldError("name") && <p className="error-text">{fieldError("name")}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-topic`}>Topic (optional)</label>
        <input id={`${id}-topic`} value={topic} maxLength={256} onChange={(e) => setTopic(e.target.value)} />
      </div>
      <fieldset className="field">
        <legend>Who can join</legend>
        {visibilities.map((v) => (
          <label key={v.value} className="radio">
            <input type="radio" name={`${id}-visibility`} value={v.value} checked={visibility === v.value} onChange={() => setVisibility(v.value)} />
            <span>
              <strong>{v.label}</strong> <span className="muted">{v.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {visibility === "password" && (
        <div className="field">
          <label htmlFor={`${id}-password`}>Room password</label>
          <input id={`${id}-password`} type="password" autoComplete="new-password" value={password} required minLength={4} onChange={(e) => setPassword(e.target.value)} />
          {fieldError("password") && <p className="error-text">{fieldError("password")}</p>}
        </div>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {describeError(error)}
        </p>
      )}
      <button type="submit" disabled={busy || name.trim().length === 0}>
        {busy ? "Creating…" : "Create room"}
      </button>
    </form>
  );
}
