using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Serialization;
using static OrleansChat.Runtime.Messaging.HeaderPrimitives;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// The tagged fields of a message header. Fields holding their default value are left out, and a
/// reader skips ids it does not know, so a later version can add fields without breaking this one.
/// </summary>
internal static class MessageHeaderCodec
{
    private const uint CorrelationIdField = 1;
    private const uint DirectionField = 2;
    private const uint FlagsField = 3;
    private const uint TargetTypeField = 4;
    private const uint TargetKeyField = 5;
    private const uint InterfaceIdField = 6;
    private const uint MethodIdField = 7;
    private const uint DeadlineField = 8;
    private const uint SenderSiloField = 9;
    private const uint ContextField = 10;
    private const uint ResponseKindField = 11;
    private const uint RejectionReasonField = 12;

    // Inside the context field: one nested entry per pair, each holding a key and a value.
    private const uint ContextEntryField = 1;
    private const uint EntryKeyField = 1;
    private const uint EntryValueField = 2;

    public static void Write(ref Writer writer, Message message)
    {
        if (message.CorrelationId != 0)
        {
            WriteVarInt(ref writer, CorrelationIdField, message.CorrelationId);
        }

        WriteVarUInt(ref writer, DirectionField, (ulong)message.Direction);
        if (message.Flags != MessageFlags.None)
        {
            WriteVarUInt(ref writer, FlagsField, (ulong)message.Flags);
        }

        if (!message.TargetGrain.IsDefault)
        {
            WriteString(ref writer, TargetTypeField, message.TargetGrain.Type);
            WriteString(ref writer, TargetKeyField, message.TargetGrain.Key);
        }

        if (message.InterfaceId != 0)
        {
            WriteVarUInt(ref writer, InterfaceIdField, message.InterfaceId);
        }

        if (message.MethodId != 0)
        {
            WriteVarInt(ref writer, MethodIdField, message.MethodId);
        }

        if (message.Deadline != 0)
        {
            writer.WriteFieldHeader(DeadlineField, WireType.Fixed64);
            writer.WriteFixed64((ulong)message.Deadline);
        }

        if (message.SenderSilo is not null)
        {
            WriteString(ref writer, SenderSiloField, message.SenderSilo);
        }

        if (message.Context is { Count: > 0 } context)
        {
            WriteContext(ref writer, context);
        }

        if (message.ResponseKind != ResponseKind.Success)
        {
            WriteVarUInt(ref writer, ResponseKindField, (ulong)message.ResponseKind);
        }

        if (message.RejectionReason != RejectionReason.Unspecified)
        {
            WriteVarUInt(ref writer, RejectionReasonField, (ulong)message.RejectionReason);
        }
    }

    public static Message Read(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> body)
    {
        var reader = new Reader(header);
        long correlationId = 0;
        MessageDirection direction = 0;
        var flags = MessageFlags.None;
        string? targetType = null;
        string? targetKey = null;
        uint interfaceId = 0;
        var methodId = 0;
        long deadline = 0;
        string? senderSilo = null;
        RequestContextData? context = null;
        var responseKind = ResponseKind.Success;
        var rejectionReason = RejectionReason.Unspecified;

        while (reader.TryReadFieldHeader(out var fieldId, out var wireType))
        {
            switch (fieldId)
            {
                case CorrelationIdField:
                    correlationId = ReadVarInt(ref reader, wireType, nameof(Message.CorrelationId));
                    break;
                case DirectionField:
                    direction = (MessageDirection)ReadVarUInt32(ref reader, wireType, nameof(Message.Direction));
                    break;
                case FlagsField:
                    flags = (MessageFlags)ReadVarUInt32(ref reader, wireType, nameof(Message.Flags));
                    break;
                case TargetTypeField:
                    targetType = ReadString(ref reader, wireType, "TargetGrain.Type");
                    break;
                case TargetKeyField:
                    targetKey = ReadString(ref reader, wireType, "TargetGrain.Key");
                    break;
                case InterfaceIdField:
                    interfaceId = ReadVarUInt32(ref reader, wireType, nameof(Message.InterfaceId));
                    break;
                case MethodIdField:
                    methodId = checked((int)ReadVarInt(ref reader, wireType, nameof(Message.MethodId)));
                    break;
                case DeadlineField:
                    Expect(wireType, WireType.Fixed64, nameof(Message.Deadline));
                    deadline = (long)reader.ReadFixed64();
                    break;
                case SenderSiloField:
                    senderSilo = ReadString(ref reader, wireType, nameof(Message.SenderSilo));
                    break;
                case ContextField:
                    Expect(wireType, WireType.LengthPrefixed, nameof(Message.Context));
                    context = ReadContext(reader.ReadNested());
                    break;
                case ResponseKindField:
                    responseKind = (ResponseKind)ReadVarUInt32(ref reader, wireType, nameof(Message.ResponseKind));
                    break;
                case RejectionReasonField:
                    rejectionReason = (RejectionReason)ReadVarUInt32(ref reader, wireType, nameof(Message.RejectionReason));
                    break;
                default:
                    reader.SkipField(wireType);
                    break;
            }
        }

        if (!Enum.IsDefined(direction))
        {
            throw new FrameFormatException($"Message direction {(int)direction} is missing or unknown.");
        }

        if (!Enum.IsDefined(responseKind))
        {
            throw new FrameFormatException($"Response kind {(int)responseKind} is unknown.");
        }

        return new Message
        {
            CorrelationId = correlationId,
            Direction = direction,
            Flags = flags,
            TargetGrain = ReadTarget(targetType, targetKey),
            InterfaceId = interfaceId,
            MethodId = methodId,
            Deadline = deadline,
            SenderSilo = senderSilo,
            Context = context,
            ResponseKind = responseKind,
            RejectionReason = Enum.IsDefined(rejectionReason) ? rejectionReason : RejectionReason.Unspecified,
            Body = body,
        };
    }

    private static GrainId ReadTarget(string? type, string? key)
    {
        if (type is null && key is null)
        {
            return default;
        }

        if (type is null || key is null)
        {
            throw new FrameFormatException("A target grain needs both a type and a key.");
        }

        // GrainId validates type and key; a peer's invalid id surfaces as a frame error below.
        return new GrainId(type, key);
    }

    private static void WriteContext(ref Writer writer, RequestContextData context)
    {
        writer.WriteFieldHeader(ContextField, WireType.LengthPrefixed);
        var contextStart = writer.BeginLengthPrefixed();
        foreach (var (key, value) in context.Values)
        {
            writer.WriteFieldHeader(ContextEntryField, WireType.LengthPrefixed);
            var entryStart = writer.BeginLengthPrefixed();
            WriteString(ref writer, EntryKeyField, key);
            WriteString(ref writer, EntryValueField, value);
            writer.EndLengthPrefixed(entryStart);
        }

        writer.EndLengthPrefixed(contextStart);
    }

    private static RequestContextData? ReadContext(Reader reader)
    {
        var values = new List<KeyValuePair<string, string>>();
        while (reader.TryReadFieldHeader(out var fieldId, out var wireType))
        {
            if (fieldId != ContextEntryField)
            {
                reader.SkipField(wireType);
                continue;
            }

            Expect(wireType, WireType.LengthPrefixed, "Context entry");
            var entry = reader.ReadNested();
            string? key = null;
            string? value = null;
            while (entry.TryReadFieldHeader(out var entryField, out var entryWireType))
            {
                switch (entryField)
                {
                    case EntryKeyField:
                        key = ReadString(ref entry, entryWireType, "Context key");
                        break;
                    case EntryValueField:
                        value = ReadString(ref entry, entryWireType, "Context value");
                        break;
                    default:
                        entry.SkipField(entryWireType);
                        break;
                }
            }

            if (key is null || value is null)
            {
                throw new FrameFormatException("A request-context entry needs both a key and a value.");
            }

            values.Add(new(key, value));
        }

        return values.Count == 0 ? null : new RequestContextData(values);
    }
}
