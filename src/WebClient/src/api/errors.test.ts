import { describe, expect, it } from "vitest";
import { ApiError, describeError, problemToError } from "./errors";

describe("problem details", () => {
  it("keeps the stable code, the detail and field errors", () => {
    const error = problemToError(400, {
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
      title: "The request is invalid.",
      status: 400,
      detail: "One or more fields are invalid.",
      code: "request.invalid",
      errors: { username: ["A username has 3 to 32 characters."], password: [1, "x"] },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "request.invalid", message: "One or more fields are invalid." });
    expect(error.fieldErrors).toEqual({ username: ["A username has 3 to 32 characters."], password: ["x"] });
    expect(describeError(error)).toBe("A username has 3 to 32 characters. x");
  });

  it("reads Retry-After from the body or the header", () => {
    expect(problemToError(429, { code: "auth.throttled", retryAfterSeconds: 60 }).retryAfterSeconds).toBe(60);
    expect(problemToError(429, undefined, "12")).toMatchObject({ code: "rate_limited", retryAfterSeconds: 12 });
  });

  it("falls back on the status when the body is not problem details", () => {
    expect(problemToError(502, "<html>")).toMatchObject({ code: "server.error", message: "The request failed (HTTP 502)." });
    expect(problemToError(404, undefined).isMissingEndpoint).toBe(true);
    expect(describeError(problemToError(404, { code: "request.not_found" }))).toBe("This feature is not available on this server yet.");
    expect(problemToError(404, { code: "room.not_found" }).isMissingEndpoint).toBe(false);
  });
});
