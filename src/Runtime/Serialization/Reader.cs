using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace OrleansChat.Runtime.Serialization;

/// <summary>Reads the tagged binary format from a contiguous span. Malformed input throws <see cref="WireFormatException"/>.</summary>
public ref struct Reader
{
    /// <summary>Deepest nesting accepted, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public Reader(ReadOnlySpan<byte> data, SerializerSession? session = null)
        : this(data, session, 0)
    {
    }

    private Reader(ReadOnlySpan<byte> data, SerializerSession? session, int depth)
    {
        _data = data;
        _position = 0;
        Session = session;
        Depth = depth;
    }

    /// <summary>Services for values that need the runtime to be rebuilt (grain references).</summary>
    public SerializerSession? Session { get; }

    /// <summary>Nesting depth of this reader.</summary>
    public int Depth { get; }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads the next field header; false at the end of this reader's data.</summary>
    public bool TryReadFieldHeader(out uint fieldId, out WireType wireType)
    {
        if (_position >= _data.Length)
        {
            fieldId = 0;
            wireType = default;
            return false;
        }

        var header = ReadVarUInt32();
        wireType = (WireType)(header & 7);
        if (wireType > WireType.Null)
        {
            throw new WireFormatException($"Unknown wire type {(int)wireType} at byte {_position}.");
        }

        fieldId = header >> 3;
        return true;
    }

    /// <summary>Reads a value through the codec for <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T ReadValue<T>(WireType wireType) => Codec<T>.Instance.ReadValue(ref this, wireType);

    /// <summary>Skips a field's payload (a field this version does not know).</summary>
    public void SkipField(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.VarInt:
                ReadVarUInt64();
                break;
            case WireType.Fixed32:
                ReadSpan(4);
                break;
            case WireType.Fixed64:
                ReadSpan(8);
                break;
            case WireType.LengthPrefixed:
                ReadSpan(checked((int)ReadVarUInt32()));
                break;
            case WireType.Null:
                break;
            default:
                throw new WireFormatException($"Unknown wire type {(int)wireType}.");
        }
    }

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[_position++];
    }

    public ReadOnlySpan<byte> ReadSpan(int length)
    {
        if (length < 0 || length > _data.Length - _position)
        {
            throw Truncated();
        }

        var span = _data.Slice(_position, length);
        _position += length;
        return span;
    }

    public uint ReadVarUInt32()
    {
        var value = ReadVarUInt64();
        return value > uint.MaxValue ? throw new WireFormatException("A 32-bit varint is too large.") : (uint)value;
    }

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            if (_position >= _data.Length)
            {
                throw Truncated();
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }

            shift += 7;
            if (shift > 63)
            {
                throw new WireFormatException("A varint is longer than 10 bytes.");
            }
        }
    }

    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4));

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadSpan(8));

    /// <summary>Reads a length-prefixed payload's bytes.</summary>
    public ReadOnlySpan<byte> ReadLengthPrefixed() => ReadSpan(checked((int)ReadVarUInt32()));

    /// <summary>A reader over the next length-prefixed payload (an object or collection body).</summary>
    public Reader ReadNested()
    {
        if (Depth >= MaxDepth)
        {
            throw new WireFormatException($"Data is nested deeper than {MaxDepth} levels.");
        }

        return new Reader(ReadLengthPrefixed(), Session, Depth + 1);
    }

    /// <summary>Throws unless <paramref name="actual"/> is <paramref name="expected"/>.</summary>
    public static void Expect(WireType actual, WireType expected, Type type)
    {
        if (actual != expected)
        {
            throw new WireFormatException($"Expected wire type {expected} for {type.Name}, found {actual}.");
        }
    }

    private readonly WireFormatException Truncated() => new($"Data ends early at byte {_position} of {_data.Length}.");
}
