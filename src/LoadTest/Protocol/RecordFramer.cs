namespace OrleansChat.LoadTest.Protocol;

/// <summary>
/// Cuts the byte stream of a SignalR text-protocol connection into records. Every record ends with
/// the ASCII record separator 0x1E; one WebSocket read may end mid-record or hold several records,
/// so a partial tail is carried to the next read. Complete records are handed out straight from the
/// caller's buffer when possible: only a record split across reads is copied.
/// </summary>
internal sealed class RecordFramer(int maxRecordBytes)
{
    /// <summary>Terminates every record of the JSON hub protocol.</summary>
    public const byte RecordSeparator = 0x1E;

    private byte[] _partial = [];
    private int _partialLength;

    /// <summary>Bytes of an unfinished record held from earlier reads.</summary>
    public int PendingBytes => _partialLength;

    /// <summary>Feeds one read; hands each completed record to <paramref name="sink"/>. Empty records are skipped.</summary>
    /// <returns>The number of records handed out.</returns>
    /// <exception cref="InvalidDataException">A record grew beyond the configured maximum without a separator.</exception>
    public int Feed(ReadOnlySpan<byte> data, IRecordSink sink)
    {
        var records = 0;
        while (!data.IsEmpty)
        {
            var end = data.IndexOf(RecordSeparator);
            if (end < 0)
            {
                Append(data);
                break;
            }

            if (_partialLength == 0)
            {
                if (end > 0)
                {
                    sink.OnRecord(data[..end]);
                    records++;
                }
            }
            else
            {
                Append(data[..end]);
                var length = _partialLength;
                // Reset first: the sink may throw, and the next connection must not see this record.
                _partialLength = 0;
                sink.OnRecord(_partial.AsSpan(0, length));
                records++;
            }

            data = data[(end + 1)..];
        }

        return records;
    }

    /// <summary>Forgets any partial record (after a reconnect).</summary>
    public void Reset() => _partialLength = 0;

    private void Append(ReadOnlySpan<byte> data)
    {
        var needed = _partialLength + data.Length;
        if (needed > maxRecordBytes)
        {
            _partialLength = 0;
            throw new InvalidDataException($"A SignalR record exceeded {maxRecordBytes} bytes without a record separator.");
        }

        if (needed > _partial.Length)
        {
            Array.Resize(ref _partial, Math.Max(needed, Math.Max(256, _partial.Length * 2)));
        }

        data.CopyTo(_partial.AsSpan(_partialLength));
        _partialLength = needed;
    }
}
