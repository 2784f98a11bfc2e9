using OrleansChat.Runtime.Serialization;
using static OrleansChat.Runtime.Messaging.HeaderPrimitives;

namespace OrleansChat.Runtime.Messaging;

/// <summary>The tagged fields of a handshake header; unknown ids are skipped, as in message headers.</summary>
internal static class HandshakeCodec
{
    private const uint ProtocolVersionField = 1;
    private const uint ClusterIdField = 2;
    private const uint RoleField = 3;
    private const uint SenderIdField = 4;

    public static void Write(ref Writer writer, Handshake handshake)
    {
        WriteVarUInt(ref writer, ProtocolVersionField, (uint)handshake.ProtocolVersion);
        WriteString(ref writer, ClusterIdField, handshake.ClusterId);
        WriteVarUInt(ref writer, RoleField, (ulong)handshake.Sender.Role);
        WriteString(ref writer, SenderIdField, handshake.Sender.Id);
    }

    public static Handshake Read(ReadOnlySpan<byte> header)
    {
        var reader = new Reader(header);
        uint? version = null;
        string? clusterId = null;
        ConnectionRole role = 0;
        string? senderId = null;
        while (reader.TryReadFieldHeader(out var fieldId, out var wireType))
        {
            switch (fieldId)
            {
                case ProtocolVersionField:
                    version = ReadVarUInt32(ref reader, wireType, nameof(Handshake.ProtocolVersion));
                    break;
                case ClusterIdField:
                    clusterId = ReadString(ref reader, wireType, nameof(Handshake.ClusterId));
                    break;
                case RoleField:
                    role = (ConnectionRole)ReadVarUInt32(ref reader, wireType, nameof(PeerIdentity.Role));
                    break;
                case SenderIdField:
                    senderId = ReadString(ref reader, wireType, nameof(PeerIdentity.Id));
                    break;
                default:
                    reader.SkipField(wireType);
                    break;
            }
        }

        if (version is null || clusterId is null || senderId is null || role == 0)
        {
            throw new FrameFormatException("A handshake needs a protocol version, cluster id, role and sender id.");
        }

        if (version > int.MaxValue)
        {
            throw new FrameFormatException($"Handshake protocol version {version} is out of range.");
        }

        return new Handshake((int)version, clusterId, new PeerIdentity(role, senderId));
    }
}
