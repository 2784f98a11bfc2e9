namespace OrleansChat.Runtime.Messaging;

/// <summary>The read and write loops of a <see cref="Connection"/>.</summary>
internal sealed partial class Connection
{
    private async Task WriteLoopAsync()
    {
        var output = _transport.Transport.Output;
        var queue = _outbound.Reader;
        Exception? fault = null;
        try
        {
            while (await queue.WaitToReadAsync(_abort.Token))
            {
                // Write everything that is ready (up to a cap), then flush once: coalescing is what
                // keeps a busy connection from paying one syscall per message.
                var batchBytes = 0;
                var batchCount = 0;
                while (batchBytes < MaxBatchBytes && !_abort.IsCancellationRequested && queue.TryRead(out var frame))
                {
                    try
                    {
                        frame.WriteTo(output);
                    }
                    finally
                    {
                        frame.Release();
                    }

                    batchBytes += frame.Length;
                    batchCount++;
                }

                if (batchCount == 0)
                {
                    continue;
                }

                Interlocked.Add(ref _messagesWritten, batchCount);
                Interlocked.Increment(ref _flushCount);
                var result = await output.FlushAsync(_abort.Token);
                if (result.IsCompleted)
                {
                    fault = new ConnectionClosedException($"Connection {Id}: the transport stopped accepting output.");
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Aborted: the reason is already recorded.
        }
        catch (Exception ex)
        {
            fault = ex;
        }

        if (fault is not null)
        {
            Abort(fault);
        }
        else if (Volatile.Read(ref _aborted) == 0)
        {
            // Graceful close: the queue is drained; tell the peer no more frames follow.
            await output.CompleteAsync();
        }
    }

    private async Task ReadLoopAsync()
    {
        var input = _transport.Transport.Input;
        Exception? reason = null;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_abort.Token);
                var buffer = result.Buffer;
                try
                {
                    while (_codec.TryReadFrame(ref buffer, out var frame))
                    {
                        Dispatch(frame);
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new FrameFormatException($"Connection {Id} ended in the middle of a frame.");
                    }

                    // The peer ended its output (a graceful close): refuse new sends but let the
                    // writer drain what is queued, such as answers to the peer's last requests.
                    SetCloseReason(new ConnectionClosedException($"Connection {Id} was closed by the peer."));
                    _outbound.Writer.TryComplete();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Aborted: the reason is already recorded.
        }
        catch (FrameFormatException ex)
        {
            Log.MalformedFrame(_logger, ex, Id, RemoteEndPoint);
            reason = ex;
        }
        catch (Exception ex)
        {
            reason = ex;
        }

        Abort(reason);
    }


    private void Dispatch(in Frame frame)
    {
        if (frame.Message is not { } message)
        {
            throw new FrameFormatException($"Unexpected {frame.Kind} frame after the handshake.");
        }

        Interlocked.Increment(ref _messagesReceived);
        Volatile.Write(ref _lastReceivedTicks, Environment.TickCount64);
        try
        {
            _handler.OnMessage(this, message);
        }
        catch (Exception ex)
        {
            // One failing message is the handler's bug, not the peer's: keep the connection.
            Log.HandlerFailed(_logger, ex, message, Id);
        }
    }
}
