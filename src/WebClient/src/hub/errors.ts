/**
 * Hub failures are HubExceptions whose message starts with a stable code in brackets
 * ("[room.banned] You are banned from this room."). The SignalR server wraps that message
 * ("An unexpected error occurred invoking 'Send' on the server. HubException: [room.banned] …")
 * and the JavaScript client puts the whole string in Error.message, so the code is searched for
 * where the HubException text begins, or at the very start of the message.
 */
export interface HubErrorInfo {
  /** The stable code, or a client-side one: `connection.closed`, `connection.unavailable`, `unknown`. */
  code: string;
  /** Human-readable text (the server's text after the code, or a client-side explanation). */
  message: string;
  /** True when sending the same invocation again later may succeed (connection trouble, rate limits). */
  retryable: boolean;
  /** True when the failure happened because there was no working connection. */
  connectionLost: boolean;
}

const codePattern = "([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)*)";
const afterHubException = new RegExp(`HubException:\\s*\\[${codePattern}\\]\\s*([\\s\\S]*)$`);
const atStart = new RegExp(`^\\s*\\[${codePattern}\\]\\s*([\\s\\S]*)$`);

const connectionPatterns: readonly RegExp[] = [
  /connection (?:being|was) closed/i,
  /underlying connection/i,
  /cannot send data if the connection is not in the 'Connected' State/i,
  /connection (?:is )?not (?:in the )?'?connected/i,
  /WebSocket closed/i,
  /Failed to complete negotiation/i,
  /Failed to fetch/i,
  /not connected/i,
];

function isRetryableCode(code: string): boolean {
  return (
    code === "rate_limited" ||
    code.endsWith(".rate_limited") ||
    code.endsWith(".throttled") ||
    code === "server.unavailable" ||
    code === "auth.unavailable"
  );
}

export function parseHubError(error: unknown): HubErrorInfo {
  const raw =
    error instanceof Error ? error.message : typeof error === "string" ? error : error == null ? "" : String(error);

  const match = afterHubException.exec(raw) ?? atStart.exec(raw);
  if (match) {
    const code = match[1]!;
    const text = match[2]!.trim();
    return { code, message: text || code, retryable: isRetryableCode(code), connectionLost: false };
  }
  if (connectionPatterns.some((pattern) => pattern.test(raw))) {
    return {
      code: "connection.closed",
      message: "The connection to the chat server was lost.",
      retryable: true,
      connectionLost: true,
    };
  }
  return {
    code: "unknown",
    message: raw.trim() || "The chat server refused the request.",
    retryable: false,
    connectionLost: false,
  };
}

/** An error thrown by the client itself when no hub connection is available. */
export class HubUnavailableError extends Error {
  constructor() {
    super("Not connected to the chat server.");
    this.name = "HubUnavailableError";
  }
}
