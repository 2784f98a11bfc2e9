import { useEffect, useId, useState } from "react";
import { roomsApi } from "../api/chatApi";
import type { RoomSummary } from "../api/types";
import { Link } from "../shell/Link";
import { navigate, routes } from "../shell/router";
import { useStore } from "../shell/store";
import { useServices } from "../shell/ServicesContext";
import { useAsync } from "../shell/useAsync";
import { ErrorNote, Loading } from "../shell/ui";
import { JoinRoomForm } from "./JoinRoomForm";

export function visibilityLabel(room: Pick<RoomSummary, "visibility">): string {
  return room.visibility === "password" ? "Password" : room.visibility === "private" ? "Private" : "Public";
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Public and password-protected rooms, searchable, with join buttons. */
export function RoomDirectory() {
  const { mine } = useServices();
  const myRooms = useStore(mine).rooms;
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim(), 250);
  const rooms = useAsync(() => roomsApi.directory(query), [query]);
  const id = useId();
  const joined = new Set(myRooms.map((r) => r.roomId));

  return (
    <section className="directory" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Room directory</h2>
      <div className="field">
        <label htmlFor={`${id}-search`}>Search rooms</label>
        <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or topic" />
      </div>
      {rooms.loading && !rooms.data && <Loading what="rooms" />}
      <ErrorNote error={rooms.error} prefix="The room directory is unavailable" />
      {rooms.data && rooms.data.length === 0 && <p className="muted">No rooms match{query ? ` “${query}”` : ""}.</p>}
      {rooms.data && rooms.data.length > 0 && (
        <ul className="room-list">
          {rooms.data.map((room) => {
            const member = room.isMember || joined.has(room.roomId);
            return (
              <li key={room.roomId} className="room-item">
                <div className="room-item-text">
                  <Link to={routes.room(room.roomId)} className="room-name">
                    #{room.name}
                  </Link>
                  <span className={`badge badge-${room.visibility}`}>{visibilityLabel(room)}</span>
                  <span className="muted"> {room.memberCount} members</span>
                  {room.topic && <p className="room-topic">{room.topic}</p>}
                </div>
                {member ? (
                  <Link className="button-small button-secondary" to={routes.room(room.roomId)}>
                    Open
                  </Link>
                ) : (
                  <JoinRoomForm room={room} compact onJoined={(r) => navigate(routes.room(r.roomId))} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
