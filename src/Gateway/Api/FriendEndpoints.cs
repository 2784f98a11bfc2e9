using System.Security.Claims;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Api;

/// <summary><c>/api/friends</c>: the friend list with presence, requests (send, cancel, accept, decline) and removal.</summary>
internal static class FriendEndpoints
{
    public static void MapFriendEndpoints(this RouteGroupBuilder api)
    {
        var friends = api.MapGroup("/friends").WithTags("Friends");
        friends.MapGet("/", ListAsync).WithName("ListFriends")
            .WithSummary("Friends and pending requests in both directions, with presence.").Produces<FriendsView>();
        friends.MapPost("/requests/{userId}", RequestAsync).RegisteredOnly().WithName("SendFriendRequest")
            .WithSummary("Send a friend request, or accept the one that user already sent (registered users only).")
            .Produces<FriendshipView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        friends.MapDelete("/requests/{userId}", CancelAsync).WithName("CancelFriendRequest")
            .WithSummary("Withdraw a request the caller sent.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        friends.MapPost("/requests/{userId}/accept", AcceptAsync).WithName("AcceptFriendRequest")
            .WithSummary("Accept a request from that user.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        friends.MapPost("/requests/{userId}/decline", DeclineAsync).WithName("DeclineFriendRequest")
            .WithSummary("Decline a request from that user.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        friends.MapDelete("/{userId}", RemoveAsync).WithName("RemoveFriend")
            .WithSummary("End a friendship.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IUserGrain Me(ChatGrains grains, ClaimsPrincipal user) => grains.User(ChatIdentity.From(user).UserId);

    private static async Task<IResult> ListAsync(ChatGrains grains, ClaimsPrincipal user)
    {
        var list = await Me(grains, user).GetFriends();
        var all = list.Friends.Concat(list.Incoming).Concat(list.Outgoing).Select(f => f.UserId).Distinct(StringComparer.Ordinal).ToArray();
        var profiles = (await Task.WhenAll(all.Select(id => TryProfileAsync(grains, id))))
            .Where(p => p is not null)
            .ToDictionary(p => p!.UserId, p => p!, StringComparer.Ordinal);
        FriendView View(FriendEntry entry)
        {
            var profile = profiles.GetValueOrDefault(entry.UserId);
            return new FriendView(
                entry.UserId, profile?.Username ?? entry.UserId, profile?.DisplayName ?? entry.UserId,
                ApiText.Presence(profile?.Presence ?? PresenceStatus.Offline), profile?.CustomStatus, entry.Since);
        }

        return TypedResults.Ok(new FriendsView(
            list.Friends.Select(View).ToArray(), list.Incoming.Select(View).ToArray(), list.Outgoing.Select(View).ToArray()));
    }

    private static async Task<UserProfile?> TryProfileAsync(ChatGrains grains, string userId)
    {
        try
        {
            return await grains.User(userId).GetProfile();
        }
        catch (Exception ex) when (GrainErrors.TryTranslate(ex, out _))
        {
            return null;
        }
    }

    private static async Task<IResult> RequestAsync(ChatGrains grains, ClaimsPrincipal user, string userId) =>
        TypedResults.Ok(new FriendshipView(userId, ApiText.Friendship(await Me(grains, user).SendFriendRequest(userId))));

    private static async Task<IResult> CancelAsync(ChatGrains grains, ClaimsPrincipal user, string userId)
    {
        await Me(grains, user).CancelFriendRequest(userId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AcceptAsync(ChatGrains grains, ClaimsPrincipal user, string userId)
    {
        await Me(grains, user).AcceptFriendRequest(userId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeclineAsync(ChatGrains grains, ClaimsPrincipal user, string userId)
    {
        await Me(grains, user).DeclineFriendRequest(userId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveAsync(ChatGrains grains, ClaimsPrincipal user, string userId)
    {
        await Me(grains, user).RemoveFriend(userId);
        return TypedResults.NoContent();
    }
}
