using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OrleansChat.LoadTest.Client;

/// <summary>Writes client-to-server frames (RFC 6455 §5.2): final, masked with a fresh key, lengths in 7, 16 or 64 bits.</summary>
internal static class WebSocketFrameWriter
{
    /// <summary>Largest header: 2 bytes, 8 of extended length, 4 of mask key.</summary>
    public const int MaxHeaderLength = 14;

    /// <summary>Writes a complete frame into <paramref name="destination"/>; returns its length.</summary>
    public static int Write(WebSocketOpcode opcode, ReadOnlySpan<byte> payload, Span<byte> destination, uint maskKey)
    {
        destination[0] = (byte)(0x80 | (byte)opcode);
        int offset;
        if (payload.Length <= 125)
        {
            destination[1] = (byte)(0x80 | payload.Length);
            offset = 2;
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            destination[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payload.Length);
            offset = 4;
        }
        else
        {
            destination[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payload.Length);
            offset = 10;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(destination[offset..], maskKey);
        var masked = destination.Slice(offset + 4, payload.Length);
        payload.CopyTo(masked);
        Mask(masked, maskKey);
        return offset + 4 + payload.Length;
    }

    /// <summary>XORs <paramref name="data"/> with the repeating 4-byte key (little-endian order of <paramref name="maskKey"/>), 8 bytes at a time.</summary>
    public static void Mask(Span<byte> data, uint maskKey)
    {
        var wide = ((ulong)maskKey << 32) | maskKey;
        var longs = MemoryMarshal.Cast<byte, ulong>(data);
        for (var i = 0; i < longs.Length; i++)
        {
            longs[i] ^= wide;
        }

        for (var i = longs.Length * 8; i < data.Length; i++)
        {
            data[i] ^= (byte)(maskKey >> (8 * (i & 3)));
        }
    }
}
