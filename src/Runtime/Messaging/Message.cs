using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// One message on a connection: a routing header plus a body that is already serialized (arguments
/// of a request, result or exception of a response). Immutable once built, so one instance can sit
/// in an outbound queue while its sender moves on.
/// </summary>
internal sealed class Message
{
    /// <summary>Matches a response to its request; unique per sender connection.</summary>
    public long CorrelationId { get; init; }

    public MessageDirection Direction { get; init; }

    public MessageFlags Flags { get; init; }

    /// <summary>The grain a request is for; default for responses.</summary>
    public GrainId TargetGrain { get; init; }

    public uint InterfaceId { get; init; }

    public int MethodId { get; init; }

    /// <summary>When the caller stops waiting, in UTC ticks; 0 means no deadline.</summary>
    public long Deadline { get; init; }

    /// <summary>The sending silo's identity, when the sender is a silo.</summary>
    public string? SenderSilo { get; init; }

    /// <summary>Request-context values that flow with the call; null when empty.</summary>
    public RequestContextData? Context { get; init; }

    /// <summary>For responses: what <see cref="Body"/> holds.</summary>
    public ResponseKind ResponseKind { get; init; }

    /// <summary>For responses of kind <see cref="ResponseKind.Rejection"/>: why.</summary>
    public RejectionReason RejectionReason { get; init; }

    /// <summary>The serialized arguments, result or exception.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>True when a deadline is set and has passed at <paramref name="utcNow"/>.</summary>
    public bool IsExpired(DateTimeOffset utcNow) => Deadline != 0 && utcNow.UtcTicks >= Deadline;

    /// <summary>A response to <paramref name="request"/> carrying <paramref name="body"/>.</summary>
    public static Message CreateResponse(Message request, ResponseKind kind, ReadOnlyMemory<byte> body) => new()
    {
        CorrelationId = request.CorrelationId,
        Direction = MessageDirection.Response,
        ResponseKind = kind,
        Body = body,
    };

    /// <summary>A rejection of <paramref name="request"/>: the method was not run.</summary>
    public static Message CreateRejection(Message request, RejectionReason reason) => new()
    {
        CorrelationId = request.CorrelationId,
        Direction = MessageDirection.Response,
        ResponseKind = ResponseKind.Rejection,
        RejectionReason = reason,
    };

    public override string ToString() => Direction switch
    {
        MessageDirection.Response => $"Response #{CorrelationId} ({ResponseKind})",
        _ => $"{Direction} #{CorrelationId} to {TargetGrain} ({InterfaceId:x8}.{MethodId})",
    };
}
