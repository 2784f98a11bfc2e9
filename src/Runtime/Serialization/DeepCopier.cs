namespace OrleansChat.Runtime.Serialization;

/// <summary>
/// Copies values between caller and callee of a local call so neither can mutate what the other
/// holds (Orleans' isolation). Immutable values are shared; everything else round-trips through its codec.
/// </summary>
public static class DeepCopier
{
    /// <summary>True when values of <typeparamref name="T"/> can be shared without copying.</summary>
    public static bool IsShallowCopyable<T>() => Codec<T>.Instance.IsShallowCopyable;

    /// <summary>A deep copy of <paramref name="value"/> (the same instance when it is immutable).</summary>
    public static T Copy<T>(T value)
    {
        var codec = Codec<T>.Instance;
        if (codec.IsShallowCopyable || value is null)
        {
            return value;
        }

        // Grain references and exceptions inside the value are passed through, not re-created: see CopyContext.
        var previous = CopyContext.Enter();
        var writer = new Writer(256);
        try
        {
            codec.WriteField(ref writer, 0, value);
            var reader = new Reader(writer.WrittenSpan);
            reader.TryReadFieldHeader(out _, out var wireType);
            return codec.ReadValue(ref reader, wireType);
        }
        finally
        {
            writer.Dispose();
            CopyContext.Exit(previous);
        }
    }
}
