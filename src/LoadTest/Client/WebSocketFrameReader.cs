using System.Buffers.Binary;

namespace OrleansChat.LoadTest.Client;

/// <summary>
/// Parses server-to-client WebSocket frames (RFC 6455 §5.2) from whatever byte chunks the socket
/// delivers: a frame may be split across reads and a read may hold many frames. Data payloads go to
/// the sink as slices of the input (no copy); control frames (at most 125 bytes, possibly between
/// the fragments of a message) are gathered and handed over whole. Server frames must not be
/// masked and no extension is negotiated, so RSV bits and masks are protocol errors.
/// </summary>
internal sealed class WebSocketFrameReader
{
    private const int MaxControlPayload = 125;

    private readonly byte[] _header = new byte[10];
    private readonly byte[] _control = new byte[MaxControlPayload];
    private int _headerFilled;
    private int _headerNeeded = 2;
    private bool _inPayload;
    private long _payloadRemaining;
    private WebSocketOpcode _opcode;
    private int _controlFilled;

    /// <summary>Feeds one read.</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid server frames.</exception>
    public void Feed(ReadOnlySpan<byte> data, IFrameSink sink)
    {
        while (!data.IsEmpty)
        {
            if (!_inPayload)
            {
                var take = Math.Min(_headerNeeded - _headerFilled, data.Length);
                data[..take].CopyTo(_header.AsSpan(_headerFilled));
                _headerFilled += take;
                data = data[take..];
                if (_headerFilled < _headerNeeded || !TryStartFrame(sink))
                {
                    continue;
                }
            }

            var chunk = (int)Math.Min(_payloadRemaining, data.Length);
            if (IsControl(_opcode))
            {
                data[..chunk].CopyTo(_control.AsSpan(_controlFilled));
                _controlFilled += chunk;
            }
            else if (chunk > 0)
            {
                sink.OnPayload(data[..chunk]);
            }

            _payloadRemaining -= chunk;
            data = data[chunk..];
            if (_payloadRemaining == 0)
            {
                EndFrame(sink);
            }
        }
    }

    /// <summary>Forgets a partial frame (for a new connection).</summary>
    public void Reset()
    {
        _headerFilled = 0;
        _headerNeeded = 2;
        _inPayload = false;
        _payloadRemaining = 0;
        _controlFilled = 0;
    }

    /// <summary>Reads the header once complete; false while more header bytes are needed.</summary>
    private bool TryStartFrame(IFrameSink sink)
    {
        var first = _header[0];
        var second = _header[1];
        if ((second & 0x80) != 0)
        {
            throw new InvalidDataException("The server sent a masked frame (RFC 6455 §5.1 forbids it).");
        }

        var length7 = second & 0x7F;
        var needed = length7 switch { 126 => 4, 127 => 10, _ => 2 };
        if (_headerNeeded < needed)
        {
            _headerNeeded = needed;
            return false;
        }

        if ((first & 0x70) != 0)
        {
            throw new InvalidDataException("A frame has RSV bits set but no extension was negotiated.");
        }

        _opcode = (WebSocketOpcode)(first & 0x0F);
        long length = length7 switch
        {
            126 => BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(2)),
            127 => (long)BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(2)),
            _ => length7,
        };
        if (length < 0)
        {
            throw new InvalidDataException("A frame length has its most significant bit set.");
        }

        switch (_opcode)
        {
            case WebSocketOpcode.Continuation or WebSocketOpcode.Text or WebSocketOpcode.Binary:
                break;
            case WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong:
                if ((first & 0x80) == 0 || length > MaxControlPayload)
                {
                    throw new InvalidDataException("A control frame must be final and at most 125 bytes.");
                }

                break;
            default:
                throw new InvalidDataException($"Unknown WebSocket opcode 0x{(int)_opcode:X}.");
        }

        _headerFilled = 0;
        _headerNeeded = 2;
        _inPayload = true;
        _payloadRemaining = length;
        _controlFilled = 0;
        if (length == 0)
        {
            EndFrame(sink);
            return false;
        }

        return true;
    }

    private void EndFrame(IFrameSink sink)
    {
        _inPayload = false;
        if (IsControl(_opcode))
        {
            sink.OnControl(_opcode, _control.AsSpan(0, _controlFilled));
            _controlFilled = 0;
        }
    }

    private static bool IsControl(WebSocketOpcode opcode) => opcode >= WebSocketOpcode.Close;
}
