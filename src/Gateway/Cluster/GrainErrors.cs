using System.Diagnostics.CodeAnalysis;
using OrleansChat.Gateway.Http;
using OrleansChat.Grains.Errors;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Cluster;

/// <summary>
/// Turns what a grain call can throw into the refusal a client sees: a domain
/// <see cref="ChatException"/> keeps its stable code and its (human-written) detail; a call that
/// timed out or lost its silo becomes <c>server.unavailable</c>. REST (problem details) and the hub
/// (<c>[code] detail</c>) both map through here, so a refusal reads the same on either path.
/// </summary>
internal static class GrainErrors
{
    public const string InternalDetail = "The chat operation failed.";

    public static bool TryTranslate(Exception exception, [NotNullWhen(true)] out ChatError? error)
    {
        error = exception switch
        {
            // An internal failure's detail may describe internals: never pass it on.
            ChatException { Category: ChatErrorCategory.Internal } chat => new ChatError(chat.Code, InternalDetail),
            ChatException chat => new ChatError(chat.Code, chat.Detail),
            RemoteGrainException remote when ChatException.TryParse(remote.Message, out var code, out var detail)
                && ChatErrorCodes.CategoryOf(code) != ChatErrorCategory.Internal => new ChatError(code, detail),
            GrainCallTimeoutException => new ChatError(
                ErrorCodes.ServerUnavailable,
                "The chat service did not answer in time; the outcome is unknown. Retrying a send with the same client message id is safe."),
            SiloUnavailableException => new ChatError(ErrorCodes.ServerUnavailable, "The chat service is unavailable; retry shortly."),
            _ => null,
        };
        return error is not null;
    }
}
