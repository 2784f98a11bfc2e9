using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Uploads;

namespace OrleansChat.Gateway.Api;

/// <summary>Maps the chat REST API under <c>/api</c>: every endpoint needs a bearer token and runs through <see cref="ChatApiFilter"/>.</summary>
internal static class ApiGroups
{
    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api")
            .RequireAuthorization()
            .AddEndpointFilter<ChatApiFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapRoomEndpoints();
        api.MapRoomMemberEndpoints();
        api.MapMessageEndpoints();
        api.MapDirectMessageEndpoints();
        api.MapUserEndpoints();
        api.MapFriendEndpoints();
        api.MapGameInviteEndpoints();
        api.MapNotificationEndpoints();
        api.MapUploadEndpoints();
        endpoints.MapUploadDownloads();
        return endpoints;
    }

    /// <summary>Room creation and friend requests: registered users only (guests get 403 <c>auth.guest_forbidden</c>).</summary>
    public static TBuilder RegisteredOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(ChatPolicies.RegisteredUser);
}
