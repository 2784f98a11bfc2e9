import { useEffect, useMemo } from "react";
import { friendsApi, usersApi } from "../api/chatApi";
import { ConversationView } from "../conversation/ConversationView";
import { dmConversationId } from "../hub/protocol";
import { Link } from "../shell/Link";
import { routes } from "../shell/router";
import { useStore } from "../shell/store";
import { useServices } from "../shell/ServicesContext";
import { useAsync } from "../shell/useAsync";
import { Page } from "../shell/ui";
import { PresenceDot } from "./Avatar";
import { presenceLabel } from "./PresenceStore";

/** A one-to-one conversation, opened from a profile or a member list. */
export function DmView({ userId }: { userId: string }) {
  const { me, mine, presence } = useServices();
  const conversationId = dmConversationId(me.userId, userId);
  const known = useStore(mine).dms.find((d) => d.conversationId === conversationId);
  const profile = useAsync(() => usersApi.get(userId), [userId]);
  const live = useStore(presence).get(userId);
  const blocks = useAsync(() => friendsApi.blocked(), [userId]);

  // Opening the thread on the server makes it appear in both users' DM lists; where the
  // endpoint does not exist yet, the hub alone carries the conversation.
  useEffect(() => {
    if (userId === me.userId) return;
    usersApi.openDm(userId).then(
      (dm) => mine.upsertDm(dm),
      () => {},
    );
  }, [userId, me.userId, mine]);

  const user = profile.data ?? known?.user;
  const name = user ? user.displayName || user.username : "Direct message";
  const members = useMemo(
    () => (user ? [{ userId: user.userId, username: user.username, displayName: user.displayName }] : []),
    [user],
  );

  if (userId === me.userId) {
    return (
      <Page title="Direct message">
        <p>You cannot message yourself.</p>
      </Page>
    );
  }
  const state = live?.presence ?? user?.presence ?? null;
  const blocked = blocks.data?.includes(userId) ?? false;

  return (
    <ConversationView
      conversationId={conversationId}
      title={name}
      subtitle={
        <>
          {state && (
            <>
              <PresenceDot presence={state} /> {presenceLabel(state)}{" "}
            </>
          )}
          <Link to={routes.profile(userId)}>View profile</Link>
        </>
      }
      members={members}
      canModerate={false}
      disabledReason={blocked ? "You blocked this user. Unblock them on their profile to send messages." : null}
    />
  );
}
