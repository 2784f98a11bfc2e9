import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/errors";
import type { TokenResponse } from "../api/types";
import { SessionStore, storageKey, type SessionDeps } from "./session";

const start = Date.parse("2026-01-01T00:00:00Z");

function tokens(n: number, accessExpiresAt = start + 15 * 60_000): TokenResponse {
  return {
    tokenType: "Bearer",
    accessToken: `access-${n}`,
    accessTokenExpiresAt: new Date(accessExpiresAt).toISOString(),
    expiresIn: 900,
    hubToken: `h1.hub-${n}`,
    refreshToken: `refresh-${n}`,
    refreshTokenExpiresAt: new Date(start + 30 * 86_400_000).toISOString(),
    user: { userId: "u1", username: "alice", isGuest: false },
  };
}

function setup(overrides: Partial<SessionDeps> = {}) {
  let now = start;
  const storage = window.localStorage;
  storage.clear();
  let n = 1;
  const refresh = vi.fn(async () => tokens(++n, now + 15 * 60_000));
  const deps: SessionDeps = {
    storage,
    now: () => now,
    refresh,
    logOut: vi.fn(async () => undefined),
    withLock: (_name, task) => task(),
    ...overrides,
  };
  const session = new SessionStore(deps);
  return { session, deps, refresh, advance: (ms: number) => (now += ms), storage };
}

describe("session", () => {
  it("keeps the tokens in localStorage so a reload stays signed in", () => {
    const { session, deps } = setup();
    session.begin(tokens(1));
    const reloaded = new SessionStore(deps);
    expect(reloaded.getState()).toEqual({ status: "authenticated", user: tokens(1).user });
  });

  it("returns the access token while fresh and refreshes it shortly before expiry", async () => {
    const { session, refresh, advance } = setup();
    session.begin(tokens(1));
    expect(await session.getAccessToken()).toBe("access-1");
    advance(14.5 * 60_000);
    expect(await session.getAccessToken()).toBe("access-2");
    expect(refresh).toHaveBeenCalledWith("refresh-1");
  });

  it("refreshes once for many concurrent callers (refresh tokens are single-use)", async () => {
    const { session, refresh, advance } = setup();
    session.begin(tokens(1));
    advance(20 * 60_000);
    const all = await Promise.all([session.getAccessToken(), session.getAccessToken(), session.getAccessToken()]);
    expect(all).toEqual(["access-2", "access-2", "access-2"]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("uses tokens another tab already refreshed instead of spending the old refresh token", async () => {
    const { session, refresh, advance, storage } = setup();
    session.begin(tokens(1));
    advance(20 * 60_000);
    const other = tokens(7, start + 40 * 60_000);
    storage.setItem(
      storageKey,
      JSON.stringify({
        accessToken: other.accessToken,
        accessTokenExpiresAt: Date.parse(other.accessTokenExpiresAt),
        refreshToken: other.refreshToken,
        refreshTokenExpiresAt: Date.parse(other.refreshTokenExpiresAt),
        user: other.user,
      }),
    );
    expect(await session.getAccessToken()).toBe("access-7");
    expect(refresh).not.toHaveBeenCalled();
  });

  it("gives the hub its hub token, refreshed together with the access token", async () => {
    const { session, refresh, advance, deps } = setup();
    session.begin(tokens(1));
    expect(await session.getHubToken()).toBe("h1.hub-1");
    expect(await new SessionStore(deps).getHubToken()).toBe("h1.hub-1");
    advance(14.5 * 60_000);
    expect(await session.getHubToken()).toBe("h1.hub-2");
    expect(await session.getAccessToken()).toBe("access-2");
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("gives the hub the access token of a session stored without a hub token (an older client's)", async () => {
    const { deps, storage } = setup();
    const old = tokens(3);
    storage.setItem(
      storageKey,
      JSON.stringify({
        accessToken: old.accessToken,
        accessTokenExpiresAt: Date.parse(old.accessTokenExpiresAt),
        refreshToken: old.refreshToken,
        refreshTokenExpiresAt: Date.parse(old.refreshTokenExpiresAt),
        user: old.user,
      }),
    );
    expect(await new SessionStore(deps).getHubToken()).toBe("access-3");
  });

  it("has no hub token without a session, nor after a refresh the server refused", async () => {
    const { session, advance } = setup({
      refresh: async () => {
        throw new ApiError(401, "auth.invalid_refresh_token", "The refresh token is invalid or has expired.");
      },
    });
    expect(await session.getHubToken()).toBeNull();
    session.begin(tokens(1));
    advance(20 * 60_000);
    expect(await session.getHubToken()).toBeNull();
  });

  it("an expired token reported by the server is refreshed and the caller may retry", async () => {
    const { session, refresh } = setup();
    session.begin(tokens(1));
    expect(await session.recoverFromRejection("auth.token_expired")).toBe(true);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(await session.getAccessToken()).toBe("access-2");
  });

  it("a revoked session or a refused refresh token signs out with a notice", async () => {
    const first = setup();
    first.session.begin(tokens(1));
    expect(await first.session.recoverFromRejection("auth.session_revoked")).toBe(false);
    expect(first.session.getState()).toEqual({ status: "anonymous", notice: "Your session has ended. Please log in again." });
    expect(first.storage.getItem(storageKey)).toBeNull();

    const second = setup({
      refresh: async () => {
        throw new ApiError(401, "auth.invalid_refresh_token", "The refresh token is invalid or has expired.");
      },
    });
    second.session.begin(tokens(1));
    second.advance(20 * 60_000);
    expect(await second.session.getAccessToken()).toBeNull();
    expect(second.session.getState().status).toBe("anonymous");
  });

  it("a refresh failing on the network keeps the session", async () => {
    const { session, advance } = setup({
      refresh: async () => {
        throw new ApiError(0, "network.unreachable", "offline");
      },
    });
    session.begin(tokens(1));
    advance(20 * 60_000);
    await expect(session.getAccessToken()).rejects.toThrow("offline");
    expect(session.getState().status).toBe("authenticated");
  });

  it("logging out forgets the session and tells the server", async () => {
    const { session, deps, storage } = setup();
    session.begin(tokens(1));
    await session.logOut();
    expect(deps.logOut).toHaveBeenCalledWith("access-1");
    expect(storage.getItem(storageKey)).toBeNull();
    expect(session.getState()).toEqual({ status: "anonymous", notice: null });
  });

  it("follows another tab logging out", () => {
    const { session, storage } = setup();
    session.begin(tokens(1));
    storage.removeItem(storageKey);
    session.onStorageChanged();
    expect(session.getState().status).toBe("anonymous");
  });

  it("ignores malformed stored data", () => {
    const { deps, storage } = setup();
    storage.setItem(storageKey, "{not json");
    expect(new SessionStore(deps).getState().status).toBe("anonymous");
    storage.setItem(storageKey, JSON.stringify({ accessToken: 1 }));
    expect(new SessionStore(deps).getState().status).toBe("anonymous");
    const stored = tokens(1);
    storage.setItem(
      storageKey,
      JSON.stringify({
        accessToken: stored.accessToken,
        accessTokenExpiresAt: Date.parse(stored.accessTokenExpiresAt),
        hubToken: 42,
        refreshToken: stored.refreshToken,
        refreshTokenExpiresAt: Date.parse(stored.refreshTokenExpiresAt),
        user: stored.user,
      }),
    );
    expect(new SessionStore(deps).getState().status).toBe("anonymous");
  });
});
