import { useEffect, useId, useState } from "react";
import { upload, usersApi } from "../api/chatApi";
import { describeError } from "../api/errors";
import type { UserProfile } from "../api/types";
import {
  notificationPermission,
  requestNotificationPermission,
  type BrowserNotificationPermission,
} from "../notifications/browserNotifications";
import { useServices } from "../shell/ServicesContext";
import { useAsync } from "../shell/useAsync";
import { ErrorNote, Page } from "../shell/ui";
import { Avatar } from "./Avatar";

/** The user's own profile (display name, avatar, bio, custom status) and preferences. */
export function SettingsView() {
  const { me, toasts, session } = useServices();
  const profile = useAsync(() => usersApi.get(me.userId), [me.userId]);
  const [displayName, setDisplayName] = useState("");
  const [bio, setBio] = useState("");
  const [customStatus, setCustomStatus] = useState("");
  const [avatarProgress, setAvatarProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [permission, setPermission] = useState<BrowserNotificationPermission>(notificationPermission);
  const id = useId();

  useEffect(() => {
    const p = profile.data;
    if (!p) return;
    // A profile without a bio says null.
    setDisplayName(p.displayName ?? "");
    setBio(p.bio ?? "");
    setCustomStatus(p.customStatus ?? "");
  }, [profile.data]);

  const saved = (p: UserProfile) => {
    profile.setData(p);
    toasts.show("Profile saved.", "success");
  };

  const save = async () => {
    setBusy(true);
    try {
      // Profile and status are two resources: the status goes to friends as a presence event.
      await usersApi.updateMe({ displayName: displayName.trim(), bio: bio.trim() });
      saved(await usersApi.setStatus(customStatus.trim() || null));
    } catch (e) {
      toasts.error(`Saving failed: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const uploadAvatar = async (file: File) => {
    if (!file.type.startsWith("image/")) {
      toasts.error("Choose an image file for your avatar.");
      return;
    }
    setAvatarProgress(0);
    try {
      const result = await upload(file, { purpose: "avatar" }, await session.getAccessToken(), setAvatarProgress).promise;
      saved(await usersApi.updateMe({ avatarUrl: result.url }));
    } catch (e) {
      toasts.error(`The avatar could not be uploaded: ${describeError(e)}`);
    } finally {
      setAvatarProgress(null);
    }
  };

  return (
    <Page title="Your profile">
      <ErrorNote error={profile.error} prefix="Your profile could not be loaded" />
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="profile-head">
          <Avatar name={displayName || me.username} url={profile.data?.avatarUrl} size="large" />
          <div>
            <p className="profile-username">@{me.username}{me.isGuest && <span className="badge">guest</span>}</p>
            <label htmlFor={`${id}-avatar`} className="button button-secondary button-small file-label">
              Change avatar
            </label>
            <input
              id={`${id}-avatar`}
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              className="visually-hidden"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void uploadAvatar(file);
              }}
            />
            {avatarProgress !== null && <progress max={1} value={avatarProgress} aria-label="Uploading avatar" />}
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Display name</label>
          <input id={`${id}-name`} value={displayName} maxLength={64} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-bio`}>Bio</label>
          <textarea id={`${id}-bio`} value={bio} maxLength={500} rows={3} onChange={(e) => setBio(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Custom status</label>
          <input id={`${id}-status`} value={customStatus} maxLength={128} placeholder="e.g. In a game" onChange={(e) => setCustomStatus(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>
          Save profile
        </button>
      </form>
      <section className="card" aria-labelledby={`${id}-notifications`}>
        <h2 id={`${id}-notifications`}>Desktop notifications</h2>
        {permission === "unsupported" && <p className="muted">This browser does not support notifications.</p>}
        {permission === "granted" && <p>On: direct messages, mentions, friend requests and invitations notify you while this tab is in the background.</p>}
        {permission === "denied" && <p className="muted">Blocked in the browser's site settings.</p>}
        {permission === "default" && (
          <button type="button" className="button-secondary" onClick={() => void requestNotificationPermission().then(setPermission)}>
            Enable desktop notifications
          </button>
        )}
      </section>
    </Page>
  );
}
