using System.Security.Claims;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Api;

/// <summary><c>/api/invites</c>: invitations to play a game (send, list, accept, decline, cancel).</summary>
internal static class GameInviteEndpoints
{
    public static void MapGameInviteEndpoints(this RouteGroupBuilder api)
    {
        var invites = api.MapGroup("/invites").WithTags("Game invites");
        invites.MapGet("/", ListAsync).WithName("ListGameInvites").WithSummary("Open invitations to and from the caller.").Produces<GameInviteView[]>();
        invites.MapPost("/", SendAsync).RegisteredOnly().WithName("SendGameInvite")
            .WithSummary("Invite a registered user to play a game; it expires unless answered (registered users only).")
            .Produces<GameInviteView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        invites.MapPost("/{inviteId:guid}/accept", (ChatGrains grains, ClaimsPrincipal user, Guid inviteId) => RespondAsync(grains, user, inviteId, accept: true))
            .WithName("AcceptGameInvite").WithSummary("Accept an invitation sent to the caller.")
            .Produces<GameInviteView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        invites.MapPost("/{inviteId:guid}/decline", (ChatGrains grains, ClaimsPrincipal user, Guid inviteId) => RespondAsync(grains, user, inviteId, accept: false))
            .WithName("DeclineGameInvite").WithSummary("Decline an invitation sent to the caller.")
            .Produces<GameInviteView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        invites.MapDelete("/{inviteId:guid}", CancelAsync).WithName("CancelGameInvite")
            .WithSummary("Cancel an invitation the caller sent.").Produces<GameInviteView>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IUserGrain Me(ChatGrains grains, ClaimsPrincipal user) => grains.User(ChatIdentity.From(user).UserId);

    private static async Task<IResult> ListAsync(ChatGrains grains, ClaimsPrincipal user) =>
        TypedResults.Ok((await Me(grains, user).GetGameInvites()).Select(ApiViews.Invite).ToArray());

    private static async Task<IResult> SendAsync(ChatGrains grains, ClaimsPrincipal user, GameInviteBody body)
    {
        var invite = ApiViews.Invite(await Me(grains, user).InviteToGame(body.UserId ?? string.Empty, body.Game ?? string.Empty));
        return TypedResults.Created((string?)null, invite);
    }

    private static async Task<IResult> RespondAsync(ChatGrains grains, ClaimsPrincipal user, Guid inviteId, bool accept) =>
        TypedResults.Ok(ApiViews.Invite(await Me(grains, user).RespondToGameInvite(inviteId, accept)));

    private static async Task<IResult> CancelAsync(ChatGrains grains, ClaimsPrincipal user, Guid inviteId) =>
        TypedResults.Ok(ApiViews.Invite(await Me(grains, user).CancelGameInvite(inviteId)));
}
