using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Security;

namespace OrleansChat.Gateway.Api;

/// <summary>
/// Runs every chat REST endpoint as its caller: checks the ids in the path, makes sure the caller's
/// chat user exists, puts the caller's identity into the grain request context (the grains
/// authorize every call against it), and answers grain refusals as problem details with their
/// stable codes (<see cref="GrainErrors"/>).
/// </summary>
internal sealed class ChatApiFilter(ChatUserRegistry registry) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (name.EndsWith("Id", StringComparison.Ordinal) && value is string id && !ApiIds.IsWellFormed(id))
            {
                return Problems.Of(ChatErrorCodes.InvalidId, $"The {name} in the path is not 1-64 characters of A-Z a-z 0-9 _ . -.");
            }
        }

        var who = ChatIdentity.From(http.User);
        try
        {
            await registry.EnsureAsync(who);
            ChatCaller.Set(who.UserId, who.IsGuest);
            return await next(context);
        }
        catch (Exception ex) when (GrainErrors.TryTranslate(ex, out var error))
        {
            return Problems.From(error);
        }
    }
}
