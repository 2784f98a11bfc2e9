namespace OrleansChat.Grains.Errors;

/// <summary>What kind of refusal an error code is; the gateway maps each to one transport status.</summary>
public enum ChatErrorCategory
{
    /// <summary>Unexpected failure (HTTP 500).</summary>
    Internal = 0,

    /// <summary>No caller identity (HTTP 401).</summary>
    Unauthenticated = 1,

    /// <summary>The caller may not do this (HTTP 403).</summary>
    Forbidden = 2,

    /// <summary>The target does not exist, or is hidden from the caller (HTTP 404).</summary>
    NotFound = 3,

    /// <summary>The request conflicts with current state (HTTP 409).</summary>
    Conflict = 4,

    /// <summary>The input is invalid (HTTP 400 or 422).</summary>
    Invalid = 5,

    /// <summary>Too many requests; retry later (HTTP 429).</summary>
    RateLimited = 6,

    /// <summary>A dependency (the database) is unavailable; retry later (HTTP 503).</summary>
    Unavailable = 7,
}
