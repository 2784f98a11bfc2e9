using System.Security.Claims;
using OrleansChat.Gateway.Accounts;
using OrleansChat.Gateway.Auth.Contracts;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>The <c>/api/auth</c> endpoints.</summary>
internal static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/auth").WithTags("Auth");

        group.MapPost("/signup", SignUpAsync)
            .AllowAnonymous()
            .WithName("SignUp")
            .WithSummary("Create an account and log in.")
            .WithDescription("Usernames: 3-32 characters from A-Z a-z 0-9 _ . - (not starting with 'guest-'), unique ignoring case. Passwords: 8-256 characters.")
            .Produces<TokenResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/login", LogInAsync)
            .AllowAnonymous()
            .WithName("LogIn")
            .WithSummary("Log in with username and password.")
            .WithDescription("Throttled per account and per client address: 429 auth.throttled with Retry-After.")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/guest", StartGuestAsync)
            .AllowAnonymous()
            .WithName("GuestLogIn")
            .WithSummary("Log in as a guest with a generated name (guest-xxxxxx).")
            .WithDescription("Guests can chat and send direct messages but cannot create rooms or send friend requests (their tokens carry the chat.guest claim).")
            .Produces<TokenResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .WithName("Refresh")
            .WithSummary("Exchange a refresh token for new tokens (the refresh token is single-use).")
            .WithDescription("Presenting an already-used refresh token revokes the whole session.")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/logout", LogOutAsync)
            .RequireAuthorization()
            .WithName("LogOut")
            .WithSummary("End the current session on every gateway replica.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/me", GetMeAsync)
            .RequireAuthorization()
            .WithName("GetMe")
            .WithSummary("The signed-in user.")
            .Produces<MeResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return group;
    }

    private static async Task<IResult> SignUpAsync(SignupRequest request, HttpContext context, AuthService auth, CancellationToken cancellationToken) =>
        Created(await auth.SignUpAsync(request, ClientInfo.From(context), cancellationToken));

    private static async Task<IResult> LogInAsync(LoginRequest request, HttpContext context, AuthService auth, CancellationToken cancellationToken) =>
        Ok(await auth.LogInAsync(request, ClientInfo.From(context), cancellationToken));

    private static async Task<IResult> StartGuestAsync(HttpContext context, AuthService auth, CancellationToken cancellationToken) =>
        Created(await auth.StartGuestAsync(ClientInfo.From(context), cancellationToken));

    private static async Task<IResult> RefreshAsync(RefreshRequest request, AuthService auth, CancellationToken cancellationToken) =>
        Ok(await auth.RefreshAsync(request, cancellationToken));

    private static async Task<IResult> LogOutAsync(ClaimsPrincipal user, AuthService auth, CancellationToken cancellationToken)
    {
        await auth.LogOutAsync(user.GetSessionId(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetMeAsync(ClaimsPrincipal user, AccountStore accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(user.GetUserId(), cancellationToken);
        return account is null
            ? Problems.Of("user.not_found", "The account no longer exists.")
            : TypedResults.Ok(new MeResponse(account.UserId, account.Username, account.IsGuest, account.CreatedAt, user.GetSessionId()));
    }

    private static IResult Ok(AuthOutcome outcome) =>
        outcome.Tokens is { } tokens ? TypedResults.Ok(tokens) : Problems.From(outcome.Error!);

    private static IResult Created(AuthOutcome outcome) =>
        outcome.Tokens is { } tokens ? TypedResults.Created("/api/auth/me", tokens) : Problems.From(outcome.Error!);
}
