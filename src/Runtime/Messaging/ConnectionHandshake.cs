using System.IO.Pipelines;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Sends, receives and checks the handshake frame that opens every connection.</summary>
internal static class ConnectionHandshake
{
    /// <summary>
    /// Largest handshake frame read. Before the handshake the peer is unknown, so it may not make
    /// this side buffer a full-size frame.
    /// </summary>
    public const int MaxHandshakeFrameSize = 4 * 1024;

    private static readonly MessageFrameCodec HandshakeFrames = new(MaxHandshakeFrameSize);

    public static async ValueTask SendAsync(PipeWriter output, MessageFrameCodec codec, Handshake handshake, CancellationToken cancellationToken)
    {
        var frame = codec.Encode(handshake);
        try
        {
            frame.WriteTo(output);
        }
        finally
        {
            frame.Release();
        }

        var result = await output.FlushAsync(cancellationToken);
        if (result.IsCompleted)
        {
            throw new ConnectionClosedException("The peer closed the connection before the handshake was sent.");
        }
    }

    /// <summary>
    /// Reads the first frame, which must be a handshake. Bytes after it stay in the pipe for the
    /// connection's read loop.
    /// </summary>
    public static async ValueTask<Handshake> ReceiveAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            Frame frame;
            bool complete;
            try
            {
                complete = HandshakeFrames.TryReadFrame(ref buffer, out frame);
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (complete)
            {
                return frame.Handshake ?? throw new FrameFormatException($"The first frame must be a handshake; got a {frame.Kind} frame.");
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                // An acceptor refuses by closing, so an early end is how a dialer learns it was refused.
                throw new ConnectionClosedException("The peer closed the connection during the handshake (refused cluster id or protocol version?).");
            }
        }
    }

    /// <summary>Why <paramref name="remote"/> is not acceptable, or null when it is.</summary>
    public static string? Validate(Handshake remote, string clusterId, ConnectionRole? requiredRole)
    {
        if (remote.ProtocolVersion != Handshake.CurrentProtocolVersion)
        {
            return $"protocol version {remote.ProtocolVersion} is not supported (this process speaks {Handshake.CurrentProtocolVersion})";
        }

        if (!string.Equals(remote.ClusterId, clusterId, StringComparison.Ordinal))
        {
            return $"cluster id '{remote.ClusterId}' is not this cluster's '{clusterId}'";
        }

        if (!Enum.IsDefined(remote.Sender.Role))
        {
            return $"role {(int)remote.Sender.Role} is unknown";
        }

        if (requiredRole is { } role && remote.Sender.Role != role)
        {
            return $"the peer is a {remote.Sender.Role}, expected a {role}";
        }

        return null;
    }
}
