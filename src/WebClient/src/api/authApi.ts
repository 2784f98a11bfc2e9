import { apiBase, http } from "./http";
import type { MeResponse, TokenResponse } from "./types";

/** The gateway's /api/auth endpoints (src/Gateway/Auth/AuthEndpoints.cs). */
export const authApi = {
  signUp: (username: string, password: string) =>
    http.post<TokenResponse>("/api/auth/signup", { username, password }, { auth: false }),
  logIn: (username: string, password: string) =>
    http.post<TokenResponse>("/api/auth/login", { username, password }, { auth: false }),
  guest: () => http.post<TokenResponse>("/api/auth/guest", undefined, { auth: false }),
  refresh: (refreshToken: string) =>
    http.post<TokenResponse>("/api/auth/refresh", { refreshToken }, { auth: false }),
  /** Needs the access token explicitly: called while the session is being torn down. */
  logOut: (accessToken: string) =>
    fetch(`${apiBase}/api/auth/logout`, { method: "POST", headers: { Authorization: `Bearer ${accessToken}` }, credentials: "omit" }),
  me: () => http.get<MeResponse>("/api/auth/me"),
};
