import { useSyncExternalStore } from "react";

/**
 * The app's few screens as a tiny history-API router (the gateway falls back to index.html for
 * any non-API path, so every route below can be loaded directly or reloaded).
 */
export type Route =
  | { name: "home" }
  | { name: "login" }
  | { name: "signup" }
  | { name: "directory" }
  | { name: "room"; roomId: string }
  | { name: "roomSettings"; roomId: string }
  | { name: "dm"; userId: string }
  | { name: "profile"; userId: string }
  | { name: "friends" }
  | { name: "notifications" }
  | { name: "settings" }
  | { name: "notFound"; path: string };

function segment(value: string): string | null {
  try {
    const decoded = decodeURIComponent(value);
    return decoded.length > 0 && decoded.length <= 200 ? decoded : null;
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter((p) => p.length > 0);
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: "home" };
  if (parts.length === 1) {
    switch (first) {
      case "login":
        return { name: "login" };
      case "signup":
        return { name: "signup" };
      case "rooms":
        return { name: "directory" };
      case "friends":
        return { name: "friends" };
      case "notifications":
        return { name: "notifications" };
      case "settings":
        return { name: "settings" };
    }
  }
  const id = second ? segment(second) : null;
  if (id) {
    if (first === "rooms" && parts.length === 2) return { name: "room", roomId: id };
    if (first === "rooms" && parts.length === 3 && third === "settings") return { name: "roomSettings", roomId: id };
    if (first === "dm" && parts.length === 2) return { name: "dm", userId: id };
    if (first === "users" && parts.length === 2) return { name: "profile", userId: id };
  }
  return { name: "notFound", path: pathname };
}

export const routes = {
  home: () => "/",
  login: () => "/login",
  signup: () => "/signup",
  directory: () => "/rooms",
  room: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}`,
  roomSettings: (roomId: string) => `/rooms/${encodeURIComponent(roomId)}/settings`,
  dm: (userId: string) => `/dm/${encodeURIComponent(userId)}`,
  profile: (userId: string) => `/users/${encodeURIComponent(userId)}`,
  friends: () => "/friends",
  notifications: () => "/notifications",
  settings: () => "/settings",
};

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") window.addEventListener("popstate", notify);

/** Only same-app paths: never navigates to another origin or a javascript: URL. */
export function isAppPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (!isAppPath(path)) return;
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getPath = () => window.location.pathname;

export function usePath(): string {
  return useSyncExternalStore(subscribe, getPath, getPath);
}

export function useRoute(): Route {
  return parseRoute(usePath());
}
