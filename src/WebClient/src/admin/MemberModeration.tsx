import { useState } from "react";
import { roomsApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { RoomMember, RoomRole } from "../api/types";
import { useServices } from "../shell/ServicesContext";

const durations: readonly { label: string; minutes: number | null }[] = [
  { label: "10 minutes", minutes: 10 },
  { label: "1 hour", minutes: 60 },
  { label: "1 day", minutes: 1440 },
  { label: "1 week", minutes: 10080 },
  { label: "Permanently", minutes: null },
];

/** Who may act on whom: owners on everyone else, admins on plain members. */
export function canModerate(myRole: RoomRole | null | undefined, target: RoomRole): boolean {
  if (myRole === "owner") return target !== "owner";
  if (myRole === "admin") return target === "member";
  return false;
}

interface Props {
  roomId: string;
  member: RoomMember;
  myRole: RoomRole | null | undefined;
  onChanged: () => void;
}

/** Kick, ban (with a duration), mute (with a duration), promote or demote one member. */
export function MemberModeration({ roomId, member, myRole, onChanged }: Props) {
  const { toasts } = useServices();
  const [action, setAction] = useState<"ban" | "mute" | null>(null);
  const [duration, setDuration] = useState(60);
  const [busy, setBusy] = useState(false);

  if (!canModerate(myRole, member.role)) return null;

  const run = async (what: string, call: () => Promise<void>) => {
    setBusy(true);
    try {
      await call();
      toasts.show(`${what}: ${member.displayName || member.username}`, "success");
      setAction(null);
      onChanged();
    } catch (error) {
      toasts.error(`${what} failed: ${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const minutes = duration < 0 ? null : duration;
  const name = member.displayName || member.username;

  return (
    <div className="moderation" role="group" aria-label={`Moderate ${name}`}>
      {action === null ? (
        <div className="row wrap">
          <button type="button" className="button-small button-secondary" disabled={busy} onClick={() => void run("Kicked", () => roomsApi.kick(roomId, member.userId))}>
            Kick
          </button>
          <button type="button" className="button-small button-secondary" disabled={busy} onClick={() => setAction("mute")}>
            Mute…
          </button>
          {member.mutedUntil && (
            <button type="button" className="button-small button-secondary" disabled={busy} onClick={() => void run("Unmuted", () => roomsApi.unmute(roomId, member.userId))}>
              Unmute
            </button>
          )}
          <button type="button" className="button-small button-danger" disabled={busy} onClick={() => setAction("ban")}>
            Ban…
          </button>
          {myRole === "owner" && (
            <button
              type="button"
              className="button-small button-secondary"
              disabled={busy}
              onClick={() => {
                const role: RoomRole = member.role === "admin" ? "member" : "admin";
                void run(role === "admin" ? "Promoted to admin" : "Made a member", () => roomsApi.setRole(roomId, member.userId, role));
              }}
            >
              {member.role === "admin" ? "Demote" : "Make admin"}
            </button>
          )}
        </div>
      ) : (
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            const body = { durationMinutes: minutes };
            void (action === "ban"
              ? run("Banned", () => roomsApi.ban(roomId, member.userId, body))
              : run("Muted", () => roomsApi.mute(roomId, member.userId, body)));
          }}
        >
          <label>
            {action === "ban" ? "Ban for" : "Mute for"}{" "}
            <select value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
              {durations.map((d) => (
                <option key={d.label} value={d.minutes ?? -1}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={`button-small ${action === "ban" ? "button-danger" : ""}`} disabled={busy}>
            {action === "ban" ? "Ban" : "Mute"}
          </button>
          <button type="button" className="button-small button-secondary" onClick={() => setAction(null)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
