import { ApiError, problemToError } from "./errors";

/**
 * Where authenticated calls get their bearer token. The session (auth/session.ts) registers
 * itself at start-up; keeping the interface here means the REST layer does not import React
 * state and can be unit-tested with a stub.
 */
export interface TokenSource {
  /** A valid access token (refreshed first when close to expiry), or null when signed out. */
  getAccessToken(): Promise<string | null>;
  /**
   * Called when the gateway refused the token with `code`. Returns true when a new token was
   * obtained and the request is worth one more try.
   */
  recoverFromRejection(code: string): Promise<boolean>;
}

let tokenSource: TokenSource | null = null;

export function setTokenSource(source: TokenSource | null): void {
  tokenSource = source;
}

/** Base URL of the gateway: same origin in production (the gateway serves this app). */
export const apiBase: string = (import.meta.env.VITE_GATEWAY_URL as string | undefined) ?? "";

export interface RequestOptions {
  /** Send the bearer token (default true). */
  auth?: boolean;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
}

export function buildPath(path: string, query?: RequestOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.length === 0) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function send(method: string, url: string, body: unknown, options: RequestOptions, token: string | null) {
  const headers: Record<string, string> = { Accept: "application/json" };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, { method, headers, body: payload, signal: options.signal, credentials: "omit" });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "network.unreachable", "The server cannot be reached. Check your connection.");
  }
}

/**
 * Calls the gateway and returns the parsed JSON body (undefined for 204). Failures throw
 * {@link ApiError}. A token refused as expired is refreshed once and the call repeated.
 */
export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await authorizedFetch(method, path, body, options);
  const parsed = await readBody(response);
  if (!response.ok) throw problemToError(response.status, parsed, response.headers.get("retry-after"));
  return parsed as T;
}

/**
 * GETs a file (an upload) with the bearer token, for content a plain `<img src>` cannot load
 * because the browser would send no token. Returns the bytes with their served type.
 */
export async function requestBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await authorizedFetch("GET", path, undefined, options);
  if (!response.ok) throw problemToError(response.status, await readBody(response), response.headers.get("retry-after"));
  return response.blob();
}

/** One call, with one refresh-and-retry when the gateway refused the token as expired. */
async function authorizedFetch(method: string, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const useAuth = options.auth ?? true;
  const url = apiBase + buildPath(path, options.query);
  let token = useAuth && tokenSource ? await tokenSource.getAccessToken() : null;
  let response = await send(method, url, body, options, token);

  if (response.status === 401 && useAuth && tokenSource) {
    const problem = await readBody(response);
    const error = problemToError(response.status, problem, response.headers.get("retry-after"));
    if (!(await tokenSource.recoverFromRejection(error.code))) throw error;
    token = await tokenSource.getAccessToken();
    response = await send(method, url, body, options, token);
  }
  return response;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("POST", path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("PUT", path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("PATCH", path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>("DELETE", path, undefined, options),
};
