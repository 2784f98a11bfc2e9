using System.Buffers.Binary;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// The UDP probe datagram, version 1, little-endian, at most 276 bytes:
/// <code>
/// 0  'O' 'C'            magic
/// 2  version (1)        a responder ignores versions it does not know; the prober then sees a miss
/// 3  kind               1 probe, 2 ack, 3 nack
/// 4  sequence (int64)   chosen by the prober, echoed in the reply
/// 12 generation (int64) the incarnation the prober expects at this port, echoed
/// 20 n (byte)           length of the cluster id
/// 21 cluster id         n bytes of UTF-8, echoed
/// </code>
/// Replies echo the whole request with another kind, so a prober can match a reply to exactly
/// one probe of one round and reject a reply from the wrong cluster or incarnation.
/// </summary>
internal static class ProbePacket
{
    public const byte Version = 1;
    public const int HeaderSize = 21;
    public const int MaxSize = HeaderSize + MembershipOptionsValidator.MaxClusterIdBytes;

    private const byte Magic0 = (byte)'O';
    private const byte Magic1 = (byte)'C';

    /// <summary>Writes a packet into <paramref name="destination"/> (at least <see cref="MaxSize"/> bytes); returns its length.</summary>
    public static int Write(Span<byte> destination, ProbePacketKind kind, long sequence, long generation, ReadOnlySpan<byte> clusterId)
    {
        if (clusterId.Length > MembershipOptionsValidator.MaxClusterIdBytes)
        {
            throw new ArgumentException($"A cluster id must be at most {MembershipOptionsValidator.MaxClusterIdBytes} bytes.", nameof(clusterId));
        }

        destination[0] = Magic0;
        destination[1] = Magic1;
        destination[2] = Version;
        destination[3] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[12..], generation);
        destination[20] = (byte)clusterId.Length;
        clusterId.CopyTo(destination[HeaderSize..]);
        return HeaderSize + clusterId.Length;
    }

    /// <summary>Reads a version-1 packet; false for anything else (foreign traffic, truncated or unknown versions).</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out ProbePacketKind kind, out long sequence, out long generation, out ReadOnlySpan<byte> clusterId)
    {
        kind = default;
        sequence = 0;
        generation = 0;
        clusterId = default;
        if (packet.Length < HeaderSize || packet[0] != Magic0 || packet[1] != Magic1 || packet[2] != Version)
        {
            return false;
        }

        kind = (ProbePacketKind)packet[3];
        if (kind is not (ProbePacketKind.Probe or ProbePacketKind.Ack or ProbePacketKind.Nack))
        {
            return false;
        }

        var length = packet[20];
        if (packet.Length != HeaderSize + length)
        {
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64LittleEndian(packet[4..]);
        generation = BinaryPrimitives.ReadInt64LittleEndian(packet[12..]);
        clusterId = packet.Slice(HeaderSize, length);
        return true;
    }
}
