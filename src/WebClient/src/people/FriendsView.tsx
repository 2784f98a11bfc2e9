import { useEffect, useId, useState } from "react";
import { friendsApi, invitesApi, usersApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { GameInvite, UserProfile } from "../api/types";
import { Link } from "../shell/Link";
import { routes } from "../shell/router";
import { useStore } from "../shell/store";
import { useServices } from "../shell/ServicesContext";
import { useAsync } from "../shell/useAsync";
import { ErrorNote, Loading, Page } from "../shell/ui";
import { Avatar, PresenceDot } from "./Avatar";

function PersonRow({ user, children }: { user: UserProfile; children?: React.ReactNode }) {
  const { presence } = useServices();
  const live = useStore(presence).get(user.userId);
  const name = user.displayName || user.username;
  const state = live?.presence ?? user.presence;
  const status = live ? live.customStatus : user.customStatus;
  return (
    <li className="person">
      <Avatar name={name} url={user.avatarUrl} size="small" />
      <PresenceDot presence={state} />
      <div className="person-name">
        <Link to={routes.profile(user.userId)}>{name}</Link>
        {status && <span className="member-status">{status}</span>}
      </div>
      <div className="row">{children}</div>
    </li>
  );
}

function InviteRow({ invite, myUserId, onAnswered }: { invite: GameInvite; myUserId: string; onAnswered: () => void }) {
  const { toasts } = useServices();
  const incoming = invite.toUserId === myUserId;
  const answer = async (accept: boolean) => {
    try {
      await (accept ? invitesApi.accept(invite.inviteId) : invitesApi.decline(invite.inviteId));
      toasts.show(accept ? `Accepted: ${invite.game} with ${invite.fromName}` : "Invitation declined.", "success");
      onAnswered();
    } catch (e) {
      toasts.error(describeError(e));
    }
  };
  return (
    <li className="person">
      <span>
        {incoming ? (
          <>
            <strong>{invite.fromName}</strong> invites you to play <strong>{invite.game}</strong>
          </>
        ) : (
          <>
            You invited <strong>{invite.toName}</strong> to play <strong>{invite.game}</strong>
          </>
        )}{" "}
        <span className="muted">({invite.status})</span>
      </span>
      {incoming && invite.status === "pending" && (
        <div className="row">
          <button type="button" className="button-small" onClick={() => void answer(true)}>
            Accept
          </button>
          <button type="button" className="button-small button-secondary" onClick={() => void answer(false)}>
            Decline
          </button>
        </div>
      )}
    </li>
  );
}

/** Friends with presence, pending requests both ways, game invitations, and adding a friend. */
export function FriendsView() {
  const { me, toasts, presence, hub } = useServices();
  const friends = useAsync(() => presence.seedFrom(friendsApi.list(), (d) => [...d.friends, ...d.incoming, ...d.outgoing]), []);
  const invites = useAsync(() => invitesApi.list(), []);
  const [search, setSearch] = useState("");
  const [results, setResults] = useState<UserProfile[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(undefined);
  const id = useId();
  const reloadFriends = friends.reload;
  const reloadInvites = invites.reload;

  // Friend requests and invitations arrive as notifications: refresh the lists when one does.
  useEffect(
    () =>
      hub.on("Notification", (n) => {
        if (n.kind.startsWith("friend")) reloadFriends();
        if (n.kind.startsWith("invite") || n.kind.startsWith("game")) reloadInvites();
      }),
    [hub, reloadFriends, reloadInvites],
  );

  const act = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
      toasts.show(what, "success");
      friends.reload();
    } catch (e) {
      toasts.error(describeError(e));
    }
  };

  const find = async () => {
    setSearchError(undefined);
    try {
      setResults((await usersApi.search(search.trim())).filter((u) => u.userId !== me.userId));
    } catch (e) {
      setSearchError(e);
      setResults(null);
    }
  };

  const data = friends.data;
  return (
    <Page title="Friends">
      {friends.loading && !data && <Loading what="friends" />}
      <ErrorNote error={friends.error} prefix="Friends are unavailable" />
      {data && (
        <>
          <section aria-labelledby={`${id}-incoming`} className="card">
            <h2 id={`${id}-incoming`}>Requests for you ({data.incoming.length})</h2>
            {data.incoming.length === 0 ? (
              <p className="muted">No pending requests.</p>
            ) : (
              <ul className="people">
                {data.incoming.map((u) => (
                  <PersonRow key={u.userId} user={u}>
                    <button type="button" className="button-small" onClick={() => void act("You are now friends.", () => friendsApi.accept(u.userId))}>
                      Accept
                    </button>
                    <button type="button" className="button-small button-secondary" onClick={() => void act("Request declined.", () => friendsApi.decline(u.userId))}>
                      Decline
                    </button>
                  </PersonRow>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby={`${id}-friends`} className="card">
            <h2 id={`${id}-friends`}>Friends ({data.friends.length})</h2>
            {data.friends.length === 0 ? (
              <p className="muted">No friends yet. Find people below or from a room's member list.</p>
            ) : (
              <ul className="people">
                {data.friends.map((u) => (
                  <PersonRow key={u.userId} user={u}>
                    <Link className="button-small button-secondary" to={routes.dm(u.userId)}>
                      Message
                    </Link>
                  </PersonRow>
                ))}
              </ul>
            )}
          </section>
          {data.outgoing.length > 0 && (
            <section aria-labelledby={`${id}-outgoing`} className="card">
              <h2 id={`${id}-outgoing`}>Sent requests ({data.outgoing.length})</h2>
              <ul className="people">
                {data.outgoing.map((u) => (
                  <PersonRow key={u.userId} user={u}>
                    <button type="button" className="button-small button-secondary" onClick={() => void act("Request cancelled.", () => friendsApi.cancel(u.userId))}>
                      Cancel
                    </button>
                  </PersonRow>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <section aria-labelledby={`${id}-invites`} className="card">
        <h2 id={`${id}-invites`}>Game invitations</h2>
        <ErrorNote error={invites.error} prefix="Invitations are unavailable" />
        {invites.data && invites.data.length === 0 && <p className="muted">No invitations.</p>}
        {invites.data && invites.data.length > 0 && (
          <ul className="people">
            {invites.data.map((invite) => (
              <InviteRow key={invite.inviteId} invite={invite} myUserId={me.userId} onAnswered={invites.reload} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${id}-find`} className="card">
        <h2 id={`${id}-find`}>Find people</h2>
        <form
          className="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          <label htmlFor={`${id}-search`}>Username</label>
          <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          <button type="submit" className="button-secondary" disabled={search.trim().length === 0}>
            Search
          </button>
        </form>
        <ErrorNote error={searchError} prefix="Search failed" />
        {results && results.length === 0 && <p className="muted">Nobody found.</p>}
        {results && results.length > 0 && (
          <ul className="people">
            {results.map((u) => (
              <PersonRow key={u.userId} user={u}>
                {!me.isGuest && (
                  <button type="button" className="button-small" onClick={() => void act("Friend request sent.", () => friendsApi.request(u.userId))}>
                    Add friend
                  </button>
                )}
              </PersonRow>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
