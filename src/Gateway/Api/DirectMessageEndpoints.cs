using System.Security.Claims;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Gateway.Api;

/// <summary><c>/api/dms</c>: the caller's DM threads, and opening one (messages: <see cref="MessageEndpoints"/>).</summary>
internal static class DirectMessageEndpoints
{
    public static void MapDirectMessageEndpoints(this RouteGroupBuilder api)
    {
        var dms = api.MapGroup("/dms").WithTags("Direct messages");
        dms.MapGet("/", ListAsync).WithName("ListDirectThreads")
            .WithSummary("The caller's DM threads with read positions and unread counts.")
            .Produces<ConversationView[]>();
        dms.MapPost("/", OpenAsync).WithName("OpenDirectThread")
            .WithSummary("Start (or get) the DM thread with a user. Refused while either blocks the other (dm.blocked).")
            .Produces<DmThreadView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(ChatGrains grains, ClaimsPrincipal user)
    {
        var me = ChatIdentity.From(user);
        var conversations = await grains.User(me.UserId).GetConversations();
        return TypedResults.Ok(conversations.Where(c => c.Kind == ConversationKind.Direct).Select(ApiViews.Conversation).ToArray());
    }

    private static async Task<IResult> OpenAsync(ChatGrains grains, ClaimsPrincipal user, UserIdBody body)
    {
        if (body.UserId is not { } other || !ApiIds.IsWellFormed(other))
        {
            return Problems.Of(ChatErrorCodes.InvalidId, "userId must be 1-64 characters of A-Z a-z 0-9 _ . -.");
        }

        var target = ConversationTarget.Direct(grains, ChatIdentity.From(user), other);
        return TypedResults.Ok(ApiViews.Thread(await grains.Direct(target.Key).Open()));
    }
}
