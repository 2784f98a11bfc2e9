using System.Security.Claims;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Messages;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Api;

/// <summary>
/// <c>/api/users</c> (profiles, search), <c>/api/me</c> (own profile, custom status, conversations
/// with unread counts) and <c>/api/blocks</c>.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", SearchAsync).WithName("SearchUsers")
            .WithSummary("Registered users whose username starts with search (A-Z a-z 0-9 _ . -); limit 1-100 (default 20).")
            .Produces<UserSummaryView[]>().ProducesProblem(StatusCodes.Status400BadRequest);
        users.MapGet("/{userId}", GetAsync).WithName("GetUser")
            .WithSummary("A user's public profile with presence and custom status.")
            .Produces<UserProfileView>().ProducesProblem(StatusCodes.Status404NotFound);

        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/profile", GetMineAsync).WithName("GetMyProfile").WithSummary("The caller's profile.").Produces<UserProfileView>();
        me.MapPatch("/profile", UpdateAsync).WithName("UpdateMyProfile")
            .WithSummary("Change display name, avatar (an https URL or an uploaded avatar's /api/uploads/{id}) or bio.")
            .Produces<UserProfileView>().ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapPut("/status", SetStatusAsync).WithName("SetMyStatus")
            .WithSummary("Set or clear the custom status (\"in a game\"); friends are told.")
            .Produces<UserProfileView>().ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapGet("/conversations", ConversationsAsync).WithName("ListMyConversations")
            .WithSummary("The caller's rooms and DM threads with read positions and unread counts.")
            .Produces<ConversationView[]>();
        me.MapGet("/rooms", RoomsAsync).WithName("ListMyRooms")
            .WithSummary("The caller's rooms with read positions and unread counts.")
            .Produces<ConversationView[]>();

        var blocks = api.MapGroup("/blocks").WithTags("Blocks");
        blocks.MapGet("/", BlocksAsync).WithName("ListBlocks").WithSummary("User ids the caller blocks.").Produces<string[]>();
        blocks.MapPut("/{userId}", BlockAsync).WithName("Block")
            .WithSummary("Block a user: ends friendship and requests, cancels game invitations, refuses DMs both ways.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        blocks.MapDelete("/{userId}", UnblockAsync).WithName("Unblock").WithSummary("Unblock a user.").Produces(StatusCodes.Status204NoContent);
    }

    private static string Me(ClaimsPrincipal user) => ChatIdentity.From(user).UserId;

    private static async Task<IResult> SearchAsync(ChatGrains grains, string? search, int? limit) =>
        TypedResults.Ok((await grains.Directory.FindUsers(search ?? string.Empty, limit ?? 20)).Select(ApiViews.UserSummary).ToArray());

    private static async Task<IResult> GetAsync(ChatGrains grains, UserNameCache names, string userId)
    {
        var profile = await grains.User(userId).GetProfile();
        names.Remember(profile.UserId, profile.DisplayName);
        return TypedResults.Ok(ApiViews.Profile(profile));
    }

    private static Task<IResult> GetMineAsync(ChatGrains grains, UserNameCache names, ClaimsPrincipal user) => GetAsync(grains, names, Me(user));

    private static async Task<IResult> UpdateAsync(ChatGrains grains, UserNameCache names, ClaimsPrincipal user, UpdateProfileBody body)
    {
        var profile = await grains.User(Me(user)).UpdateProfile(new UpdateProfileRequest(body.DisplayName, body.AvatarUrl, body.Bio));
        names.Remember(profile.UserId, profile.DisplayName);
        return TypedResults.Ok(ApiViews.Profile(profile));
    }

    private static async Task<IResult> SetStatusAsync(ChatGrains grains, ClaimsPrincipal user, StatusBody body) =>
        TypedResults.Ok(ApiViews.Profile(await grains.User(Me(user)).SetCustomStatus(body.CustomStatus)));

    private static async Task<IResult> ConversationsAsync(ChatGrains grains, ClaimsPrincipal user) =>
        TypedResults.Ok((await grains.User(Me(user)).GetConversations()).Select(ApiViews.Conversation).ToArray());

    private static async Task<IResult> RoomsAsync(ChatGrains grains, ClaimsPrincipal user) =>
        TypedResults.Ok((await grains.User(Me(user)).GetConversations()).Where(c => c.Kind == ConversationKind.Room).Select(ApiViews.Conversation).ToArray());

    private static async Task<IResult> BlocksAsync(ChatGrains grains, ClaimsPrincipal user) =>
        TypedResults.Ok((await grains.User(Me(user)).GetBlockedUsers()).ToArray());

    private static async Task<IResult> BlockAsync(ChatGrains grains, ClaimsPrincipal user, string userId)
    {
        await grains.User(Me(user)).Block(userId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UnblockAsync(ChatGrains grains, ClaimsPrincipal user, string userId)
    {
        await grains.User(Me(user)).Unblock(userId);
        return TypedResults.NoContent();
    }
}
