using System.Buffers;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// A frame whose length prefix and header are already encoded (into a pooled buffer) and whose body
/// is referenced, not copied. Encoding on the sender's thread keeps the single writer loop down to
/// memory copies, and lets a too-large message fail at its sender rather than on the wire.
/// Exactly one owner calls <see cref="Release"/>.
/// </summary>
internal readonly struct EncodedFrame
{
    private readonly byte[] _prefixAndHeader;
    private readonly int _prefixAndHeaderLength;

    public EncodedFrame(Message? message, byte[] prefixAndHeader, int prefixAndHeaderLength, ReadOnlyMemory<byte> body)
    {
        Message = message;
        _prefixAndHeader = prefixAndHeader;
        _prefixAndHeaderLength = prefixAndHeaderLength;
        Body = body;
    }

    /// <summary>The message encoded, or null for a handshake.</summary>
    public Message? Message { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Bytes this frame takes on the wire, length prefix included.</summary>
    public int Length => _prefixAndHeaderLength + Body.Length;

    public void WriteTo(IBufferWriter<byte> output)
    {
        output.Write(_prefixAndHeader.AsSpan(0, _prefixAndHeaderLength));
        if (!Body.IsEmpty)
        {
            output.Write(Body.Span);
        }
    }

    /// <summary>Returns the pooled header buffer; the frame must not be used afterwards.</summary>
    public void Release() => ArrayPool<byte>.Shared.Return(_prefixAndHeader);
}
