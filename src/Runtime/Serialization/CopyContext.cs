namespace OrleansChat.Runtime.Serialization;

/// <summary>
/// Present on the thread while <see cref="DeepCopier"/> round-trips a value. Codecs of values that are
/// shared rather than copied (grain references, exceptions) then pass the instance itself through this
/// context instead of encoding it: a reference could not be rebuilt without a <see cref="SerializerSession"/>,
/// and an exception would lose its identity. Bytes written this way never leave the copy.
/// </summary>
internal sealed class CopyContext
{
    [ThreadStatic]
    private static CopyContext? _current;

    private List<object>? _shared;

    /// <summary>The copy in progress on this thread, or null while serializing for the wire or storage.</summary>
    public static CopyContext? Current => _current;

    public static CopyContext? Enter()
    {
        var previous = _current;
        _current = new CopyContext();
        return previous;
    }

    public static void Exit(CopyContext? previous) => _current = previous;

    /// <summary>Keeps <paramref name="value"/> and returns the index to write in its place.</summary>
    public uint Share(object value)
    {
        _shared ??= [];
        _shared.Add(value);
        return (uint)(_shared.Count - 1);
    }

    /// <summary>The value kept at <paramref name="index"/>, checked against the type the reader expects.</summary>
    public T Get<T>(uint index)
    {
        if (_shared is null || index >= (uint)_shared.Count || _shared[(int)index] is not T value)
        {
            throw new WireFormatException($"A copied {typeof(T).Name} refers to shared value {index}, which does not exist.");
        }

        return value;
    }
}
