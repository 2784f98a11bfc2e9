using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Accounts;
using OrleansChat.Gateway.Auth.Contracts;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>Signup, login, guest login, refresh and logout.</summary>
internal sealed partial class AuthService(
    AccountStore accounts,
    SessionStore sessions,
    AccountPasswordHasher hasher,
    AccessTokenIssuer tokens,
    HubTokenIssuer hubTokens,
    LoginThrottle throttle,
    SessionRevoker revoker,
    IEnumerable<IAccountCreatedHandler> accountCreatedHandlers,
    IOptions<GatewayAuthOptions> authOptions,
    IOptions<LoginThrottleOptions> throttleOptions,
    TimeProvider timeProvider,
    ILogger<AuthService> logger)
{
    private const int GuestNameAttempts = 8;

    private readonly GatewayAuthOptions _auth = authOptions.Value;
    private readonly LoginThrottleOptions _throttle = throttleOptions.Value;

    public async Task<AuthOutcome> SignUpAsync(SignupRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        UsernameRules.Validate(request.Username, errors);
        PasswordRules.Validate(request.Password, request.Username, errors);
        if (!errors.IsEmpty)
        {
            return AuthOutcome.Invalid(errors);
        }

        var reservation = await throttle.ReserveAsync([SignupKey(client)], cancellationToken);
        if (reservation.IsThrottled)
        {
            LogThrottled(logger, "signup", client.Address);
            return AuthOutcome.Throttled(reservation.RetryAfter!.Value);
        }

        var account = new Account(Guid.NewGuid(), request.Username!, IsGuest: false, Now());
        if (!await accounts.TryCreateAsync(account, hasher.Hash(request.Password!), cancellationToken))
        {
            return AuthOutcome.Fail(ErrorCodes.AuthUsernameTaken, $"The username '{account.Username}' is taken (usernames are compared ignoring case).");
        }

        LogSignedUp(logger, account.UserId);
        await AnnounceCreatedAsync(account, cancellationToken);
        return AuthOutcome.Ok(await StartSessionAsync(account, _auth.SessionLifetime, client, cancellationToken));
    }

    public async Task<AuthOutcome> LogInAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.Username) || request.Username.Length > UsernameRules.MaxLength)
        {
            errors.Add("username", $"A username of 1 to {UsernameRules.MaxLength} characters is required.");
        }

        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > PasswordRules.MaxLength)
        {
            errors.Add("password", $"A password of 1 to {PasswordRules.MaxLength} characters is required.");
        }

        if (!errors.IsEmpty)
        {
            return AuthOutcome.Invalid(errors);
        }

        // Keyed by the name asked for, whether or not it exists: otherwise throttling would tell
        // which accounts exist.
        var accountKey = new ThrottleKey(ThrottleKey.AccountScope, UsernameRules.Normalize(request.Username!), _throttle.MaxFailuresPerAccount);
        var addressKey = new ThrottleKey(ThrottleKey.AddressScope, client.Address, _throttle.MaxFailuresPerAddress);
        var reservation = await throttle.ReserveAsync([accountKey, addressKey], cancellationToken);
        if (reservation.IsThrottled)
        {
            LogThrottled(logger, "login", client.Address);
            return AuthOutcome.Throttled(reservation.RetryAfter!.Value);
        }

        var stored = await accounts.FindByUsernameAsync(request.Username!, cancellationToken);
        if (stored?.PasswordHash is not { } hash)
        {
            // Unknown name or a guest (no password): same work and same answer as a wrong password.
            hasher.VerifyDecoy(request.Password!);
            LogLoginFailed(logger, client.Address);
            return AuthOutcome.Fail(ErrorCodes.AuthInvalidCredentials);
        }

        var verdict = hasher.Verify(hash, request.Password!);
        if (verdict == PasswordVerificationResult.Failed)
        {
            LogLoginFailed(logger, client.Address);
            return AuthOutcome.Fail(ErrorCodes.AuthInvalidCredentials);
        }

        await throttle.ReleaseAsync(reservation, accountKey, cancellationToken);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await accounts.UpdatePasswordHashAsync(stored.Account.UserId, hash, hasher.Hash(request.Password!), cancellationToken);
            LogRehashed(logger, stored.Account.UserId);
        }

        LogLoggedIn(logger, stored.Account.UserId);
        return AuthOutcome.Ok(await StartSessionAsync(stored.Account, _auth.SessionLifetime, client, cancellationToken));
    }

    public async Task<AuthOutcome> StartGuestAsync(ClientInfo client, CancellationToken cancellationToken)
    {
        var reservation = await throttle.ReserveAsync([SignupKey(client)], cancellationToken);
        if (reservation.IsThrottled)
        {
            LogThrottled(logger, "guest", client.Address);
            return AuthOutcome.Throttled(reservation.RetryAfter!.Value);
        }

        for (var attempt = 0; attempt < GuestNameAttempts; attempt++)
        {
            var account = new Account(Guid.NewGuid(), GuestNames.Generate(), IsGuest: true, Now());
            if (await accounts.TryCreateAsync(account, passwordHash: null, cancellationToken))
            {
                LogGuestCreated(logger, account.UserId, account.Username);
                await AnnounceCreatedAsync(account, cancellationToken);
                return AuthOutcome.Ok(await StartSessionAsync(account, _auth.GuestSessionLifetime, client, cancellationToken));
            }
        }

        return AuthOutcome.Fail(ErrorCodes.ServerUnavailable, "No free guest name was found; try again.");
    }

    public async Task<AuthOutcome> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            var errors = new ValidationErrors();
            errors.Add("refreshToken", "A refresh token is required.");
            return AuthOutcome.Invalid(errors);
        }

        if (!RefreshTokens.TryParse(request.RefreshToken, out var sessionId, out var presentedHash))
        {
            return AuthOutcome.Fail(ErrorCodes.AuthInvalidRefreshToken);
        }

        var (newToken, newHash) = RefreshTokens.Create(sessionId);
        var now = Now();
        var outcome = await sessions.RotateRefreshTokenAsync(sessionId, presentedHash, newHash, now, _auth.AccessTokenLifetime, cancellationToken);
        switch (outcome)
        {
            case RefreshOutcome.Rotated rotated:
                var accessToken = await tokens.IssueAsync(rotated.Account, sessionId, now, rotated.AccessExpiresAt, cancellationToken);
                var hubToken = await hubTokens.IssueAsync(rotated.Account, sessionId, rotated.AccessExpiresAt, cancellationToken);
                return AuthOutcome.Ok(Respond(rotated.Account, accessToken, hubToken, now, rotated.AccessExpiresAt, newToken, rotated.SessionExpiresAt));
            case RefreshOutcome.Reused reused:
                // Either the client raced itself or someone else holds a copy of the token: the
                // session cannot tell which holder is legitimate, so it ends for both.
                LogRefreshReused(logger, sessionId);
                await revoker.ObserveAsync(reused.Session, cancellationToken);
                return AuthOutcome.Fail(ErrorCodes.AuthInvalidRefreshToken);
            default:
                return AuthOutcome.Fail(ErrorCodes.AuthInvalidRefreshToken);
        }
    }

    public async Task LogOutAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await revoker.RevokeAsync(sessionId, "logout", cancellationToken);
        LogLoggedOut(logger, sessionId);
    }

    private async Task<TokenResponse> StartSessionAsync(Account account, TimeSpan lifetime, ClientInfo client, CancellationToken cancellationToken)
    {
        var now = Now();
        var sessionId = Guid.NewGuid();
        var (refreshToken, refreshHash) = RefreshTokens.Create(sessionId);
        var expiresAt = now + lifetime;
        var accessExpiresAt = now + _auth.AccessTokenLifetime;
        await sessions.CreateAsync(
            new NewSession(sessionId, account.UserId, refreshHash, now, expiresAt, accessExpiresAt, client.Address, client.UserAgent),
            cancellationToken);
        var accessToken = await tokens.IssueAsync(account, sessionId, now, accessExpiresAt, cancellationToken);
        var hubToken = await hubTokens.IssueAsync(account, sessionId, accessExpiresAt, cancellationToken);
        return Respond(account, accessToken, hubToken, now, accessExpiresAt, refreshToken, expiresAt);
    }

    private static TokenResponse Respond(
        Account account, string accessToken, string hubToken, DateTimeOffset now, DateTimeOffset accessExpiresAt, string refreshToken, DateTimeOffset sessionExpiresAt) =>
        new(
            "Bearer",
            accessToken,
            accessExpiresAt,
            (long)(accessExpiresAt - now).TotalSeconds,
            hubToken,
            refreshToken,
            sessionExpiresAt,
            new UserSummary(account.UserId, account.Username, account.IsGuest));

    /// <summary>
    /// The current time at PostgreSQL's microsecond precision, so that a timestamp returned now
    /// equals the same timestamp read back from the database later.
    /// </summary>
    private DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }

    private async Task AnnounceCreatedAsync(Account account, CancellationToken cancellationToken)
    {
        foreach (var handler in accountCreatedHandlers)
        {
            await handler.OnAccountCreatedAsync(account, cancellationToken);
        }
    }

    private ThrottleKey SignupKey(ClientInfo client) => new(ThrottleKey.SignupScope, client.Address, _throttle.MaxSignupsPerAddress);

    [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "User {UserId} signed up")]
    private static partial void LogSignedUp(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "User {UserId} logged in")]
    private static partial void LogLoggedIn(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Failed login from {ClientAddress}")]
    private static partial void LogLoginFailed(ILogger logger, string clientAddress);

    [LoggerMessage(EventId = 5403, Level = LogLevel.Warning, Message = "Throttled {Operation} from {ClientAddress}")]
    private static partial void LogThrottled(ILogger logger, string operation, string clientAddress);

    [LoggerMessage(EventId = 5404, Level = LogLevel.Information, Message = "Guest {UserId} ({Username}) created")]
    private static partial void LogGuestCreated(ILogger logger, Guid userId, string username);

    [LoggerMessage(EventId = 5405, Level = LogLevel.Warning, Message = "A rotated refresh token of session {SessionId} was presented again; the session is revoked")]
    private static partial void LogRefreshReused(ILogger logger, Guid sessionId);

    [LoggerMessage(EventId = 5406, Level = LogLevel.Information, Message = "Session {SessionId} logged out")]
    private static partial void LogLoggedOut(ILogger logger, Guid sessionId);

    [LoggerMessage(EventId = 5407, Level = LogLevel.Information, Message = "Password hash of user {UserId} upgraded to the current work factor")]
    private static partial void LogRehashed(ILogger logger, Guid userId);
}
