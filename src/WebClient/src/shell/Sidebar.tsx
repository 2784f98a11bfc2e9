import { dmConversationId, roomConversationId } from "../hub/protocol";
import { PresenceDot } from "../people/Avatar";
import { Link } from "./Link";
import { routes } from "./router";
import { useStore } from "./store";
import { useServices } from "./ServicesContext";

function Badge({ count, mentions, label }: { count: number; mentions: number; label: string }) {
  if (count === 0) return null;
  return (
    <span className={`unread-badge${mentions > 0 ? " unread-mention" : ""}`} aria-label={`${count} unread${mentions > 0 ? `, ${mentions} mentioning you` : ""} in ${label}`}>
      {count > 99 ? "99+" : count}
    </span>
  );
}

/** Navigation: joined rooms and DMs with unread badges, and the other screens. */
export function Sidebar({ onNavigate }: { onNavigate: () => void }) {
  const { mine, unread, presence, me } = useServices();
  const conversations = useStore(mine);
  const counts = useStore(unread);
  const live = useStore(presence);
  const rooms = [...conversations.rooms].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="sidebar-inner">
      <ul className="nav-links">
        <li>
          <Link to={routes.home()} onNavigate={onNavigate}>
            Home
          </Link>
        </li>
        <li>
          <Link to={routes.directory()} onNavigate={onNavigate}>
            Browse rooms
          </Link>
        </li>
        <li>
          <Link to={routes.friends()} onNavigate={onNavigate}>
            Friends
          </Link>
        </li>
        <li>
          <Link to={routes.notifications()} onNavigate={onNavigate}>
            Notifications
          </Link>
        </li>
        <li>
          <Link to={routes.settings()} onNavigate={onNavigate}>
            Your profile
          </Link>
        </li>
      </ul>

      <h2 className="nav-heading" id="nav-rooms">
        Rooms
      </h2>
      {conversations.roomsError && <p className="nav-note">Unavailable: {conversations.roomsError}</p>}
      {conversations.loaded && !conversations.roomsError && rooms.length === 0 && <p className="nav-note">No rooms yet. Browse or create one.</p>}
      <ul className="nav-list" aria-labelledby="nav-rooms">
        {rooms.map((room) => {
          const id = roomConversationId(room.roomId);
          return (
            <li key={room.roomId}>
              <Link to={routes.room(room.roomId)} onNavigate={onNavigate} className="nav-item">
                <span className="nav-item-name"># {room.name}</span>
                <Badge count={counts.counts[id] ?? 0} mentions={counts.mentions[id] ?? 0} label={room.name} />
              </Link>
            </li>
          );
        })}
      </ul>

      <h2 className="nav-heading" id="nav-dms">
        Direct messages
      </h2>
      {conversations.dmsError && <p className="nav-note">Unavailable: {conversations.dmsError}</p>}
      {conversations.loaded && !conversations.dmsError && conversations.dms.length === 0 && (
        <p className="nav-note">Start one from someone's profile.</p>
      )}
      <ul className="nav-list" aria-labelledby="nav-dms">
        {conversations.dms.map((dm) => {
          const id = dmConversationId(me.userId, dm.user.userId);
          const name = dm.user.displayName || dm.user.username;
          return (
            <li key={dm.conversationId}>
              <Link to={routes.dm(dm.user.userId)} onNavigate={onNavigate} className="nav-item">
                <PresenceDot presence={live.get(dm.user.userId)?.presence ?? dm.user.presence} />
                <span className="nav-item-name">{name}</span>
                <Badge count={counts.counts[id] ?? 0} mentions={counts.mentions[id] ?? 0} label={name} />
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
