/**
 * A refusal from the gateway. Every error response is RFC 7807 problem details with a stable
 * `code` (see src/Gateway/Http/ErrorCatalog.cs): the client branches on `code`, never on text.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    fieldErrors: Record<string, string[]> = {},
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** True when the endpoint itself does not exist on this gateway (yet). */
  get isMissingEndpoint(): boolean {
    return this.status === 404 && this.code === "request.not_found";
  }
}

/** Codes that mean the session is over: the user must sign in again. */
export const sessionEndedCodes: ReadonlySet<string> = new Set([
  "auth.session_revoked",
  "auth.token_invalid",
  "auth.invalid_refresh_token",
  "auth.unauthenticated",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function statusCode(status: number): string {
  if (status === 0) return "network.unreachable";
  if (status === 404) return "request.not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server.error";
  return "request.failed";
}

/**
 * Builds an {@link ApiError} from a response status and its (possibly absent or non-JSON) body.
 * Unknown shapes still produce a usable error: the status decides a fallback code.
 */
export function problemToError(status: number, body: unknown, retryAfterHeader?: string | null): ApiError {
  let code = statusCode(status);
  let message = status === 0 ? "The server cannot be reached." : `The request failed (HTTP ${status}).`;
  const fieldErrors: Record<string, string[]> = {};
  let retryAfter: number | undefined;

  if (isRecord(body)) {
    if (typeof body.code === "string" && body.code.length > 0) code = body.code;
    if (typeof body.detail === "string" && body.detail.length > 0) message = body.detail;
    else if (typeof body.title === "string" && body.title.length > 0) message = body.title;
    if (isRecord(body.errors)) {
      for (const [field, messages] of Object.entries(body.errors)) {
        if (Array.isArray(messages)) {
          fieldErrors[field] = messages.filter((m): m is string => typeof m === "string");
        }
      }
    }
    if (typeof body.retryAfterSeconds === "number") retryAfter = body.retryAfterSeconds;
  }
  if (retryAfter === undefined && retryAfterHeader) {
    const parsed = Number.parseInt(retryAfterHeader, 10);
    if (Number.isFinite(parsed) && parsed >= 0) retryAfter = parsed;
  }
  return new ApiError(status, code, message, fieldErrors, retryAfter);
}

/** A short text for showing any thrown value to the user. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isMissingEndpoint) return "This feature is not available on this server yet.";
    const fields = Object.values(error.fieldErrors).flat();
    return fields.length > 0 ? fields.join(" ") : error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
