using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace OrleansChat.Runtime.Serialization;

/// <summary>
/// Appends the tagged binary format to a growable buffer rented from the shared pool.
/// Pass it by <c>ref</c>; call <see cref="Dispose"/> to return the buffer.
/// </summary>
public ref struct Writer
{
    private byte[] _buffer;
    private int _position;

    public Writer(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 64));
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    /// <summary>A copy of the bytes written so far.</summary>
    public readonly byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Returns the buffer to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _position = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes a value as a field, through the codec for <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteField<T>(uint fieldId, T value) => Codec<T>.Instance.WriteField(ref this, fieldId, value);

    public void WriteFieldHeader(uint fieldId, WireType wireType) => WriteVarUInt32((fieldId << 3) | (uint)wireType);

    public void WriteNullField(uint fieldId) => WriteFieldHeader(fieldId, WireType.Null);

    public void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = value;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        EnsureCapacity(value.Length);
        value.CopyTo(_buffer.AsSpan(_position));
        _position += value.Length;
    }

    public void WriteVarUInt32(uint value) => WriteVarUInt64(value);

    public void WriteVarUInt64(ulong value)
    {
        EnsureCapacity(10);
        var buffer = _buffer;
        var position = _position;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        _position = position;
    }

    /// <summary>Zig-zag encodes so that small negative numbers stay short.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteFixed32(uint value)
    {
        EnsureCapacity(4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_position), value);
        _position += 4;
    }

    public void WriteFixed64(ulong value)
    {
        EnsureCapacity(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    /// <summary>
    /// Starts a length-prefixed payload. One byte is reserved for the length; <see cref="EndLengthPrefixed"/>
    /// moves the payload when the length needs more, which only happens for payloads of 128 bytes or more.
    /// </summary>
    public int BeginLengthPrefixed()
    {
        EnsureCapacity(1);
        return _position++;
    }

    /// <summary>Completes a payload begun at <paramref name="lengthPosition"/>.</summary>
    public void EndLengthPrefixed(int lengthPosition)
    {
        var payloadStart = lengthPosition + 1;
        var length = (uint)(_position - payloadStart);
        if (length < 0x80)
        {
            _buffer[lengthPosition] = (byte)length;
            return;
        }

        var lengthBytes = VarIntSize(length);
        var extra = lengthBytes - 1;
        EnsureCapacity(extra);
        _buffer.AsSpan(payloadStart, (int)length).CopyTo(_buffer.AsSpan(payloadStart + extra));
        var position = lengthPosition;
        var value = length;
        while (value >= 0x80)
        {
            _buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[position] = (byte)value;
        _position += extra;
    }

    /// <summary>Writes a length and the bytes.</summary>
    public void WriteLengthPrefixed(scoped ReadOnlySpan<byte> payload)
    {
        WriteVarUInt32((uint)payload.Length);
        WriteBytes(payload);
    }

    /// <summary>A span of <paramref name="length"/> bytes to fill in place, already counted as written.</summary>
    public Span<byte> Advance(int length)
    {
        EnsureCapacity(length);
        var span = _buffer.AsSpan(_position, length);
        _position += length;
        return span;
    }

    public static int VarIntSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureCapacity(int count)
    {
        if (_buffer.Length - _position < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        var newSize = Math.Max(Math.Max(_buffer.Length * 2, 64), _position + count);
        var bigger = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
