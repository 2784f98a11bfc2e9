import { useState } from "react";
import { MemberModeration } from "../admin/MemberModeration";
import type { RoomMember, RoomRole } from "../api/types";
import { Link } from "../shell/Link";
import { routes } from "../shell/router";
import { useStore } from "../shell/store";
import { useServices } from "../shell/ServicesContext";
import { ErrorNote, Loading } from "../shell/ui";
import { Avatar, PresenceDot } from "./Avatar";

const roleOrder: Record<RoomRole, number> = { owner: 0, admin: 1, member: 2 };
const presenceOrder = { online: 0, away: 1, offline: 2 } as const;

interface Props {
  roomId: string;
  members: readonly RoomMember[] | undefined;
  error: unknown;
  loading: boolean;
  myRole: RoomRole | null | undefined;
  onChanged: () => void;
}

/** Members by role, online first, with live presence; admins get moderation controls. */
export function MemberList({ roomId, members, error, loading, myRole, onChanged }: Props) {
  const { presence, me } = useServices();
  const live = useStore(presence);
  const [expanded, setExpanded] = useState<string | null>(null);

  if (loading && !members) return <Loading what="members" />;
  if (!members) return <ErrorNote error={error} prefix="Members unavailable" />;

  const withPresence = members.map((m) => {
    const p = live.get(m.userId);
    return { ...m, presence: p?.presence ?? m.presence, customStatus: p ? p.customStatus : (m.customStatus ?? null) };
  });
  withPresence.sort(
    (a, b) =>
      roleOrder[a.role] - roleOrder[b.role] ||
      presenceOrder[a.presence] - presenceOrder[b.presence] ||
      (a.displayName || a.username).localeCompare(b.displayName || b.username),
  );
  const online = withPresence.filter((m) => m.presence !== "offline").length;

  return (
    <div className="member-list">
      <h2 className="panel-title">
        Members <span className="muted">({online} online of {members.length})</span>
      </h2>
      <ul>
        {withPresence.map((member) => {
          const name = member.displayName || member.username;
          const isMe = member.userId === me.userId;
          return (
            <li key={member.userId} className="member">
              <div className="member-row">
                <Avatar name={name} size="small" />
                <PresenceDot presence={member.presence} />
                <div className="member-name">
                  <Link to={routes.profile(member.userId)}>{name}</Link>
                  {member.role !== "member" && <span className={`badge badge-${member.role}`}>{member.role}</span>}
                  {member.mutedUntil && <span className="badge badge-muted">muted</span>}
                  {member.customStatus && <span className="member-status">{member.customStatus}</span>}
                </div>
                {!isMe && (
                  <Link className="button-small button-secondary" to={routes.dm(member.userId)} aria-label={`Message ${name}`}>
                    Message
                  </Link>
                )}
                {!isMe && myRole && myRole !== "member" && (
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={expanded === member.userId}
                    aria-label={`Moderation for ${name}`}
                    onClick={() => setExpanded((e) => (e === member.userId ? null : member.userId))}
                  >
                    ⋯
                  </button>
                )}
              </div>
              {expanded === member.userId && (
                <MemberModeration roomId={roomId} member={member} myRole={myRole} onChanged={onChanged} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
