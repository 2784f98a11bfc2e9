import { authApi } from "../api/authApi";
import { ApiError, sessionEndedCodes } from "../api/errors";
import type { TokenSource } from "../api/http";
import type { TokenResponse, UserSummary } from "../api/types";

/** What is kept in localStorage so that a reload (or a second tab) keeps the session. */
export interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  /**
   * The short credential for the hub's WebSocket URL, issued and expiring with the access token.
   * Missing from sessions stored by an older client; the hub then gets the access token.
   */
  hubToken?: string;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  user: UserSummary;
}

export type SessionState =
  | { status: "anonymous"; notice: string | null }
  | { status: "authenticated"; user: UserSummary };

export const storageKey = "orleanschat.session";
/** Refresh this long before the access token expires, so a request never carries a dying token. */
const refreshMargin = 60_000;

export interface SessionDeps {
  storage: Storage;
  now: () => number;
  refresh: (refreshToken: string) => Promise<TokenResponse>;
  logOut: (accessToken: string) => Promise<unknown>;
  /** Runs `task` while holding a cross-tab lock (Web Locks) so two tabs never spend one refresh token. */
  withLock: <T>(name: string, task: () => Promise<T>) => Promise<T>;
}

function toStored(tokens: TokenResponse): StoredSession {
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: Date.parse(tokens.accessTokenExpiresAt),
    hubToken: tokens.hubToken,
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: Date.parse(tokens.refreshTokenExpiresAt),
    user: tokens.user,
  };
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  const user = v.user as Record<string, unknown> | undefined;
  return (
    typeof v.accessToken === "string" &&
    typeof v.accessTokenExpiresAt === "number" &&
    (v.hubToken === undefined || typeof v.hubToken === "string") &&
    typeof v.refreshToken === "string" &&
    typeof v.refreshTokenExpiresAt === "number" &&
    typeof user === "object" &&
    user !== null &&
    typeof user.userId === "string" &&
    typeof user.username === "string"
  );
}

/**
 * The signed-in session: tokens in localStorage, refreshed shortly before expiry (one refresh at
 * a time across all tabs, because refresh tokens are single-use and a reused one revokes the
 * whole session), and cleared when the gateway says the session has ended.
 */
export class SessionStore implements TokenSource {
  private session: StoredSession | null;
  private state: SessionState;
  private readonly listeners = new Set<() => void>();
  private refreshing: Promise<StoredSession | null> | null = null;
  private readonly deps: SessionDeps;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.session = this.read();
    if (this.session && this.session.refreshTokenExpiresAt <= deps.now()) {
      this.session = null;
      this.deps.storage.removeItem(storageKey);
    }
    this.state = this.session
      ? { status: "authenticated", user: this.session.user }
      : { status: "anonymous", notice: null };
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get user(): UserSummary | null {
    return this.session?.user ?? null;
  }

  /** Starts a session from a signup, login or guest response. */
  begin(tokens: TokenResponse): void {
    this.session = toStored(tokens);
    this.write(this.session);
    this.setState({ status: "authenticated", user: this.session.user });
  }

  async getAccessToken(): Promise<string | null> {
    return (await this.fresh())?.accessToken ?? null;
  }

  /**
   * The credential for the hub's WebSocket URL: the hub token, refreshed like the access token.
   * Much shorter than the access token, which matters because the server keeps the URL for as
   * long as the connection is open; the gateway accepts it nowhere else.
   */
  async getHubToken(): Promise<string | null> {
    const session = await this.fresh();
    return session ? (session.hubToken ?? session.accessToken) : null;
  }

  /** The session with tokens that stay valid past the refresh margin, refreshing first if needed. */
  private async fresh(): Promise<StoredSession | null> {
    const session = this.session;
    if (!session) return null;
    if (session.accessTokenExpiresAt - refreshMargin > this.deps.now()) return session;
    return this.refresh();
  }

  async recoverFromRejection(code: string): Promise<boolean> {
    if (!this.session) return false;
    if (code === "auth.token_expired") {
      return (await this.refresh(true)) !== null;
    }
    if (sessionEndedCodes.has(code)) {
      this.end("Your session has ended. Please log in again.");
    }
    return false;
  }

  /** Logs out on the server (best effort) and forgets the session here and in every tab. */
  async logOut(): Promise<void> {
    const session = this.session;
    this.end(null);
    if (session) {
      try {
        await this.deps.logOut(session.accessToken);
      } catch {
        // The tokens are gone from this browser either way; the session expires on its own.
      }
    }
  }

  /** Another tab changed the stored session (login, refresh or logout). */
  onStorageChanged(): void {
    const stored = this.read();
    if (stored) {
      const userChanged = stored.user.userId !== this.session?.user.userId;
      this.session = stored;
      if (userChanged || this.state.status !== "authenticated") {
        this.setState({ status: "authenticated", user: stored.user });
      }
    } else if (this.session) {
      this.session = null;
      this.setState({ status: "anonymous", notice: null });
    }
  }

  private refresh(force = false): Promise<StoredSession | null> {
    this.refreshing ??= this.deps
      .withLock("orleanschat.refresh", () => this.refreshLocked(force))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async refreshLocked(force: boolean): Promise<StoredSession | null> {
    const mine = this.session;
    if (!mine) return null;
    // Another tab may have refreshed while we waited for the lock: use its tokens.
    const stored = this.read();
    if (stored && stored.refreshToken !== mine.refreshToken && stored.user.userId === mine.user.userId) {
      this.session = stored;
      if (!force || stored.accessToken !== mine.accessToken) return stored;
    }
    const current = this.session!;
    if (!force && current.accessTokenExpiresAt - refreshMargin > this.deps.now()) return current;
    try {
      const tokens = await this.deps.refresh(current.refreshToken);
      this.session = toStored(tokens);
      this.write(this.session);
      return this.session;
    } catch (error) {
      if (error instanceof ApiError && (sessionEndedCodes.has(error.code) || error.status === 401)) {
        this.end("Your session has ended. Please log in again.");
        return null;
      }
      throw error;
    }
  }

  private end(notice: string | null): void {
    this.session = null;
    this.deps.storage.removeItem(storageKey);
    this.setState({ status: "anonymous", notice });
  }

  private read(): StoredSession | null {
    try {
      const raw = this.deps.storage.getItem(storageKey);
      if (!raw) return null;
      const parsed: unknown = JSON.parse(raw);
      return isStoredSession(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  private write(session: StoredSession): void {
    this.deps.storage.setItem(storageKey, JSON.stringify(session));
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** Web Locks when the browser has them; otherwise (old browsers, jsdom) the task runs directly. */
export function browserLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? (locks.request(name, task) as Promise<T>) : task();
}

export function createBrowserSession(): SessionStore {
  const store = new SessionStore({
    storage: window.localStorage,
    now: () => Date.now(),
    refresh: (token) => authApi.refresh(token),
    logOut: (token) => authApi.logOut(token),
    withLock: browserLock,
  });
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey || event.key === null) store.onStorageChanged();
  });
  return store;
}
