using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// SignalR's JSON protocol, with invocation errors in the form docs/hub-protocol.md fixes:
/// <c>[code] text</c>. SignalR itself sends a <see cref="HubException"/> as
/// "An unexpected error occurred invoking 'Send' on the server. HubException: [room.banned] …";
/// this protocol cuts that preamble, so the error a client receives starts with the code. Errors
/// that are not hub exceptions get a code too: <c>request.invalid</c> when the arguments could
/// not be bound, <c>server.error</c> otherwise (details stay in the server log). A
/// <see cref="PostedBatch"/> is written as the <c>MessagePosted</c> records it stands for.
/// </summary>
internal sealed class ChatHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    private const string HubExceptionMarker = "HubException: ";
    private readonly JsonHubProtocol _json = new(options);

    public string Name => _json.Name;

    public int Version => _json.Version;

    public TransferFormat TransferFormat => _json.TransferFormat;

    public bool IsVersionSupported(int version) => _json.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _json.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output)
    {
        if (message is InvocationMessage { Arguments: [PostedBatch batch] } invocation)
        {
            WriteBatch(invocation, batch, output);
            return;
        }

        _json.WriteMessage(Rewrite(message), output);
    }

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message)
    {
        if (message is InvocationMessage { Arguments: [PostedBatch batch] } invocation)
        {
            var output = new ArrayBufferWriter<byte>();
            WriteBatch(invocation, batch, output);
            return output.WrittenMemory;
        }

        return _json.GetMessageBytes(Rewrite(message));
    }

    /// <summary>The error text a client sees for <paramref name="error"/> (public for tests).</summary>
    public static string ClientError(string error)
    {
        var at = error.IndexOf(HubExceptionMarker + "[", StringComparison.Ordinal);
        if (at >= 0)
        {
            return error[(at + HubExceptionMarker.Length)..];
        }

        if (error.StartsWith('['))
        {
            return error;
        }

        // SignalR's own texts: argument binding failures start "Failed to invoke"; the rest are unexpected.
        return error.StartsWith("Failed to invoke", StringComparison.Ordinal)
            ? $"[{ErrorCodes.RequestInvalid}] {error}"
            : $"[{ErrorCodes.ServerError}] {error}";
    }

    /// <summary>One ordinary invocation record per message of the batch, each with its own record separator.</summary>
    private void WriteBatch(InvocationMessage invocation, PostedBatch batch, IBufferWriter<byte> output)
    {
        foreach (var view in batch.Messages)
        {
            _json.WriteMessage(new InvocationMessage(invocation.Target, [view]), output);
        }
    }

    private static HubMessage Rewrite(HubMessage message) =>
        message is CompletionMessage { Error: { } error, InvocationId: { } id } completion
            ? new CompletionMessage(id, ClientError(error), result: null, hasResult: false) { Headers = completion.Headers }
            : message;
}
