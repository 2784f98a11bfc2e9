using System.Reflection;
using System.Runtime.ExceptionServices;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="Exception"/> and its subclasses, as a length-prefixed body: field 0 the type's full name,
/// 1 its assembly-qualified name, 2 the message, 3 the stack trace text, 4 the inner exception (this
/// codec, recursively), 5 the HResult. Only the first inner exception travels (an
/// <see cref="AggregateException"/>'s others do not), and custom properties and <see cref="Exception.Data"/>
/// do not travel at all. The reader rebuilds the type when it safely can (see <see cref="ExceptionActivator"/>),
/// otherwise a <see cref="RemoteGrainException"/>, and attaches the remote stack trace.
/// <para>
/// When the rebuilt exception is not a <typeparamref name="T"/> (the field is declared more narrowly than
/// what arrived, or the type was unknown here), the reader still honours the declared type: a
/// <typeparamref name="T"/> is created with a (string, Exception) constructor, carrying the received
/// exception as its inner exception. When <typeparamref name="T"/> is <see cref="Exception"/> this never
/// happens, since a <see cref="RemoteGrainException"/> is always an Exception. When <typeparamref name="T"/>
/// has no such constructor (or is abstract) the data cannot honour the field's type and the read fails
/// with a <see cref="WireFormatException"/>.
/// </para>
/// Exceptions are treated as immutable: local calls share them without copying.
/// </summary>
internal sealed class ExceptionCodec<T> : IFieldCodec<T?>
    where T : Exception
{
    private static readonly ConstructorInfo? Wrapper =
        typeof(T).IsAbstract ? null : typeof(T).GetConstructor([typeof(string), typeof(Exception)]);

    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, T? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        if (CopyContext.Current is { } copy)
        {
            writer.WriteFieldHeader(fieldId, WireType.VarInt);
            writer.WriteVarUInt32(copy.Share(value));
            return;
        }

        // A stand-in passed on names the original type, so a process that has it rebuilds the original.
        var type = value.GetType();
        var (typeName, assemblyQualifiedName) = value is RemoteGrainException remote
            ? (remote.OriginalTypeName, remote.OriginalAssemblyQualifiedName)
            : (type.FullName ?? type.Name, type.AssemblyQualifiedName);

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var start = writer.BeginLengthPrefixed();
        StringCodec.WriteLenient(ref writer, 0, typeName);
        if (assemblyQualifiedName is not null)
        {
            StringCodec.WriteLenient(ref writer, 1, assemblyQualifiedName);
        }

        StringCodec.WriteLenient(ref writer, 2, value.Message);
        if (value.StackTrace is { Length: > 0 } stackTrace)
        {
            StringCodec.WriteLenient(ref writer, 3, stackTrace);
        }

        if (value.InnerException is { } inner)
        {
            Codec<Exception>.Instance.WriteField(ref writer, 4, inner);
        }

        writer.WriteFieldHeader(5, WireType.VarInt);
        writer.WriteVarInt64(value.HResult);
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
        var body = reader.ReadNested();
        string? typeName = null;
        string? assemblyQualifiedName = null;
        string? message = null;
        string? stackTrace = null;
        Exception? inner = null;
        int? hResult = null;
        while (body.TryReadFieldHeader(out var id, out var fieldType))
        {
            switch (id)
            {
                case 0:
                    typeName = body.ReadValue<string?>(fieldType);
                    break;
                case 1:
                    assemblyQualifiedName = body.ReadValue<string?>(fieldType);
                    break;
                case 2:
                    message = body.ReadValue<string?>(fieldType);
                    break;
                case 3:
                    stackTrace = body.ReadValue<string?>(fieldType);
                    break;
                case 4:
                    inner = body.ReadValue<Exception?>(fieldType);
                    break;
                case 5:
                    hResult = body.ReadValue<int>(fieldType);
                    break;
                default:
                    body.SkipField(fieldType);
                    break;
            }
        }

        var exception = ExceptionActivator.Create(typeName, assemblyQualifiedName, message, inner);
        if (hResult is { } code)
        {
            exception.HResult = code;
        }

        if (!string.IsNullOrEmpty(stackTrace))
        {
            ExceptionDispatchInfo.SetRemoteStackTrace(exception, stackTrace);
        }

        return exception as T ?? Wrap(exception);
    }

    private static T Wrap(Exception received)
    {
        var receivedName = received is RemoteGrainException remote ? remote.OriginalTypeName : received.GetType().FullName;
        if (Wrapper is null)
        {
            throw new WireFormatException(
                $"Received a {receivedName} where a {typeof(T).FullName} is expected, and {typeof(T).Name} has no public (string, Exception) constructor to wrap it.");
        }

        try
        {
            return (T)Wrapper.Invoke([$"{receivedName}: {received.Message}", received]);
        }
        catch (TargetInvocationException e)
        {
            throw new WireFormatException($"Received a {receivedName} where a {typeof(T).FullName} is expected, and wrapping it failed.", e.InnerException ?? e);
        }
    }
}
