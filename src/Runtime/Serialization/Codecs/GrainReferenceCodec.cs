using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// A grain or observer reference (a field typed as an <see cref="IAddressable"/> interface or as a
/// <see cref="GrainReference"/>), as a length-prefixed body: field 0 the grain type, 1 the key, 2 the
/// interface id. Only references made by the runtime can be written; reading needs a
/// <see cref="SerializerSession"/> to bind the reference to this process's grain factory. References
/// are immutable addresses, so local calls share them.
/// </summary>
internal sealed class GrainReferenceCodec<T> : IFieldCodec<T?>
    where T : class, IAddressable
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, T? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        if (value is not GrainReference reference)
        {
            throw new NotSupportedException(
                $"Only runtime references can be serialized, but a {value.GetType().FullName} was passed as {typeof(T).Name}. "
                + "Pass a reference from IGrainFactory.GetGrain (or an observer reference created by the runtime), not the grain or observer object itself.");
        }

        if (CopyContext.Current is { } copy)
        {
            writer.WriteFieldHeader(fieldId, WireType.VarInt);
            writer.WriteVarUInt32(copy.Share(reference));
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var start = writer.BeginLengthPrefixed();
        writer.WriteField(0, reference.GrainId.Type);
        writer.WriteField(1, reference.GrainId.Key);
        writer.WriteFieldHeader(2, WireType.VarInt);
        writer.WriteVarUInt32(reference.InterfaceId);
        writer.EndLengthPrefixed(start);
    }

    public T? ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        if (wireType == WireType.VarInt && CopyContext.Current is { } copy)
        {
            return copy.Get<T>(reader.ReadVarUInt32());
        }

        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(T));
        var session = reader.Session
            ?? throw new WireFormatException($"Reading a reference to {typeof(T).Name} needs a SerializerSession, which binds references to this process's grain factory.");

        var body = reader.ReadNested();
        string? grainType = null;
        string? key = null;
        uint interfaceId = 0;
        while (body.TryReadFieldHeader(out var id, out var fieldType))
        {
            switch (id)
            {
                case 0:
                    grainType = body.ReadValue<string?>(fieldType);
                    break;
                case 1:
                    key = body.ReadValue<string?>(fieldType);
                    break;
                case 2:
                    interfaceId = body.ReadValue<uint>(fieldType);
                    break;
                default:
                    body.SkipField(fieldType);
                    break;
            }
        }

        GrainId grainId;
        try
        {
            grainId = new GrainId(grainType!, key!);
        }
        catch (ArgumentException e)
        {
            throw new WireFormatException($"A reference to {typeof(T).Name} has an invalid grain id: {e.Message}", e);
        }

        return Create(session.GrainFactory, grainId, interfaceId);
    }

    private static T Create(IGrainFactory factory, GrainId grainId, uint interfaceId)
    {
        // The writer's interface id names the reference's own interface. When that is a registered interface
        // derived from the field's type, the reference is rebuilt as it, so the receiver can cast it back
        // exactly as it could cast the original.
        var writtenAs = GrainInterfaceRegistry.Find(interfaceId)?.InterfaceType;
        if (writtenAs is not null && writtenAs != typeof(T) && typeof(T).IsAssignableFrom(writtenAs))
        {
            return (T)ReferenceActivator.Create(factory, writtenAs, grainId);
        }

        if (typeof(T).IsInterface)
        {
            return factory.GetGrain<T>(grainId);
        }

        // A field typed as a GrainReference class: only the interface id can say which proxy to make.
        if (writtenAs is not null && ReferenceActivator.Create(factory, writtenAs, grainId) is T reference)
        {
            return reference;
        }

        throw new WireFormatException(
            $"A reference to {grainId} with interface id {interfaceId} cannot be read as {typeof(T).Name}: no registered grain interface with that id produces one.");
    }
}
