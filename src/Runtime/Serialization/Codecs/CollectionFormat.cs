using System.Runtime.InteropServices;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// The layout shared by every collection codec: null is the <see cref="WireType.Null"/> wire type;
/// otherwise a length-prefixed body holding a varint count, then each element as field 0 (maps: each key
/// as field 0 followed by its value as field 1). Readers check the count against the bytes present
/// and against the elements actually found, so a forged count can neither over-allocate nor truncate.
/// </summary>
internal static class CollectionFormat
{
    /// <summary>
    /// Most elements allocated for up front. Beyond it, collections grow as elements actually arrive,
    /// so memory follows the data, never a count an attacker wrote.
    /// </summary>
    public const int MaxPreallocation = 1024;

    /// <summary>Starts a collection field; pass the result to <see cref="Writer.EndLengthPrefixed"/>.</summary>
    public static int BeginWrite(ref Writer writer, uint fieldId, int count)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var start = writer.BeginLengthPrefixed();
        writer.WriteVarUInt32((uint)count);
        return start;
    }

    public static void WriteElements<T>(ref Writer writer, uint fieldId, ReadOnlySpan<T> items)
    {
        var start = BeginWrite(ref writer, fieldId, items.Length);
        var codec = Codec<T>.Instance;
        foreach (var item in items)
        {
            codec.WriteField(ref writer, 0, item);
        }

        writer.EndLengthPrefixed(start);
    }

    /// <summary>Writes any sequence; one that cannot tell its count up front is buffered first.</summary>
    public static void WriteEnumerable<T>(ref Writer writer, uint fieldId, IEnumerable<T> items)
    {
        switch (items)
        {
            case T[] array:
                // Not array.AsSpan(): that throws for a covariant array (a string[] seen as IEnumerable<object>).
                WriteElements(ref writer, fieldId, new ReadOnlySpan<T>(array));
                return;
            case List<T> list:
                WriteElements(ref writer, fieldId, (ReadOnlySpan<T>)CollectionsMarshal.AsSpan(list));
                return;
            case ICollection<T> collection:
                WriteCounted(ref writer, fieldId, collection, collection.Count);
                return;
            case IReadOnlyCollection<T> collection:
                WriteCounted(ref writer, fieldId, collection, collection.Count);
                return;
            default:
                WriteElements(ref writer, fieldId, new ReadOnlySpan<T>(items.ToArray()));
                return;
        }
    }

    /// <summary>Reads the element count and checks it against the bytes left: every element takes at least <paramref name="minBytesPerElement"/>.</summary>
    public static int ReadCount(ref Reader body, Type type, int minBytesPerElement = 1)
    {
        var count = body.ReadVarUInt32();
        if (count > (uint)(body.Remaining / minBytesPerElement))
        {
            throw new WireFormatException($"A {TypeNames.Of(type)} claims {count} elements, but only {body.Remaining} bytes follow.");
        }

        return (int)count;
    }

    public static int InitialCapacity(int count) => Math.Min(count, MaxPreallocation);

    /// <summary>The comparer read-back sets and maps use: ordinal for strings (explicitly, whatever the writer used), else the default.</summary>
    public static IEqualityComparer<T>? KeyComparer<T>() =>
        typeof(T) == typeof(string) ? (IEqualityComparer<T>)(object)StringComparer.Ordinal : null;

    /// <summary>Reads the elements of a body into <paramref name="target"/>; fields other than 0 are skipped.</summary>
    public static void ReadElements<T>(ref Reader body, int count, ICollection<T> target, Type type)
    {
        var codec = Codec<T>.Instance;
        var read = 0;
        while (body.TryReadFieldHeader(out var id, out var wireType))
        {
            if (id != 0)
            {
                body.SkipField(wireType);
                continue;
            }

            if (read == count)
            {
                throw CountMismatch(type, count, "more");
            }

            target.Add(codec.ReadValue(ref body, wireType));
            read++;
        }

        if (read != count)
        {
            throw CountMismatch(type, count, $"only {read}");
        }
    }

    /// <summary>Reads key/value pairs into <paramref name="target"/>; a repeated or null key is malformed data.</summary>
    public static void ReadPairs<TKey, TValue>(ref Reader body, int count, IDictionary<TKey, TValue> target, Type type)
    {
        var keyCodec = Codec<TKey>.Instance;
        var valueCodec = Codec<TValue>.Instance;
        var read = 0;
        var haveKey = false;
        TKey key = default!;
        while (body.TryReadFieldHeader(out var id, out var wireType))
        {
            if (id == 0)
            {
                if (haveKey)
                {
                    throw new WireFormatException($"A {TypeNames.Of(type)} has a key with no value.");
                }

                if (read == count)
                {
                    throw CountMismatch(type, count, "more");
                }

                key = keyCodec.ReadValue(ref body, wireType);
                if (key is null)
                {
                    throw new WireFormatException($"A {TypeNames.Of(type)} has a null key.");
                }

                haveKey = true;
            }
            else if (id == 1)
            {
                if (!haveKey)
                {
                    throw new WireFormatException($"A {TypeNames.Of(type)} has a value with no key.");
                }

                if (!target.TryAdd(key, valueCodec.ReadValue(ref body, wireType)))
                {
                    throw new WireFormatException($"A {TypeNames.Of(type)} repeats the key '{key}'.");
                }

                haveKey = false;
                read++;
            }
            else
            {
                body.SkipField(wireType);
            }
        }

        if (haveKey)
        {
            throw new WireFormatException($"A {TypeNames.Of(type)} has a key with no value.");
        }

        if (read != count)
        {
            throw CountMismatch(type, count, $"only {read}");
        }
    }

    private static void WriteCounted<T>(ref Writer writer, uint fieldId, IEnumerable<T> items, int count)
    {
        var start = BeginWrite(ref writer, fieldId, count);
        var codec = Codec<T>.Instance;
        var written = 0;
        foreach (var item in items)
        {
            // A collection whose Count disagrees with its enumeration would write data no reader accepts.
            if (++written > count)
            {
                break;
            }

            codec.WriteField(ref writer, 0, item);
        }

        if (written != count)
        {
            throw new InvalidOperationException($"The collection reported {count} elements but enumerated {written}; it changed while being serialized.");
        }

        writer.EndLengthPrefixed(start);
    }

    private static WireFormatException CountMismatch(Type type, int count, string found) =>
        new($"A {TypeNames.Of(type)} claims {count} elements but holds {found}.");
}
