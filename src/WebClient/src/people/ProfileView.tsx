import { useEffect, useId, useState } from "react";
import { friendsApi, invitesApi, usersApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { Relationship } from "../api/types";
import { Link } from "../shell/Link";
import { routes } from "../shell/router";
import { useStore } from "../shell/store";
import { useServices } from "../shell/ServicesContext";
import { useAsync } from "../shell/useAsync";
import { ErrorNote, Loading, Page } from "../shell/ui";
import { Avatar, PresenceDot } from "./Avatar";
import { presenceLabel } from "./PresenceStore";

export const games: readonly string[] = ["Chess", "Checkers", "Tic-tac-toe", "Connect four"];

/** Someone's profile: presence, status, bio, and what you can do with them. */
export function ProfileView({ userId }: { userId: string }) {
  const { me, toasts, presence } = useServices();
  const profile = useAsync(() => presence.seedFrom(usersApi.get(userId), (d) => [d]), [userId]);
  const isMe = userId === me.userId;
  const standing = useAsync(() => (isMe ? Promise.resolve<Relationship>("none") : friendsApi.relationshipWith(userId)), [userId, isMe]);
  const live = useStore(presence).get(userId);
  const [relationship, setRelationship] = useState<Relationship>("none");
  const [game, setGame] = useState(games[0]!);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    if (standing.data) setRelationship(standing.data);
  }, [standing.data]);

  const act = async (what: string, call: () => Promise<unknown>, next?: Relationship) => {
    setBusy(true);
    try {
      await call();
      if (next) setRelationship(next);
      toasts.show(what, "success");
    } catch (e) {
      toasts.error(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  if (profile.loading && !profile.data) return <Loading what="the profile" />;
  const data = profile.data;
  const name = data ? data.displayName || data.username : "Profile";
  const state = live?.presence ?? data?.presence ?? "offline";
  const status = live ? live.customStatus : (data?.customStatus ?? null);

  return (
    <Page title={name}>
      {!data && <ErrorNote error={profile.error} prefix="The profile could not be loaded" />}
      {data && (
        <div className="card profile">
          <div className="profile-head">
            <Avatar name={name} url={data.avatarUrl} size="large" />
            <div>
              <p className="profile-username">@{data.username}{data.isGuest && <span className="badge">guest</span>}</p>
              <p>
                <PresenceDot presence={state} /> {presenceLabel(state)}
                {status && <span className="profile-status"> — {status}</span>}
              </p>
            </div>
          </div>
          {data.bio && <p className="profile-bio">{data.bio}</p>}
        </div>
      )}
      {isMe ? (
        <p>
          This is you. <Link to={routes.settings()}>Edit your profile</Link>
        </p>
      ) : standing.loading && !standing.data ? (
        <Loading what="what you can do" />
      ) : (
        <div className="card">
          <div className="row wrap">
            {relationship !== "blocked" && (
              <Link className="button" to={routes.dm(userId)}>
                Message
              </Link>
            )}
            {!me.isGuest && relationship === "none" && (
              <button type="button" disabled={busy} onClick={() => void act("Friend request sent.", () => friendsApi.request(userId), "outgoing")}>
                Add friend
              </button>
            )}
            {relationship === "outgoing" && (
              <button type="button" className="button-secondary" disabled={busy} onClick={() => void act("Friend request cancelled.", () => friendsApi.cancel(userId), "none")}>
                Cancel friend request
              </button>
            )}
            {relationship === "incoming" && (
              <>
                <button type="button" disabled={busy} onClick={() => void act("You are now friends.", () => friendsApi.accept(userId), "friends")}>
                  Accept friend request
                </button>
                <button type="button" className="button-secondary" disabled={busy} onClick={() => void act("Friend request declined.", () => friendsApi.decline(userId), "none")}>
                  Decline
                </button>
              </>
            )}
            {relationship === "friends" && (
              <button type="button" className="button-secondary" disabled={busy} onClick={() => void act("Removed from friends.", () => friendsApi.remove(userId), "none")}>
                Remove friend
              </button>
            )}
            {relationship === "blocked" ? (
              <button type="button" className="button-secondary" disabled={busy} onClick={() => void act("Unblocked.", () => friendsApi.unblock(userId), "none")}>
                Unblock
              </button>
            ) : (
              <button type="button" className="button-danger" disabled={busy} onClick={() => void act("Blocked. They can no longer reach you.", () => friendsApi.block(userId), "blocked")}>
                Block
              </button>
            )}
          </div>
          {relationship !== "blocked" && (
            <form
              className="row wrap invite-form"
              onSubmit={(e) => {
                e.preventDefault();
                void act(`Invitation to ${game} sent.`, () => invitesApi.send(userId, game));
              }}
            >
              <label htmlFor={`${id}-game`}>Invite to a game</label>
              <select id={`${id}-game`} value={game} onChange={(e) => setGame(e.target.value)}>
                {games.map((g) => (
                  <option key={g}>{g}</option>
                ))}
              </select>
              <button type="submit" className="button-secondary" disabled={busy}>
                Send invitation
              </button>
            </form>
          )}
        </div>
      )}
    </Page>
  );
}
