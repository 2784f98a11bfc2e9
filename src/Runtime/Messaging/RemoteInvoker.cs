using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Placement;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Sends calls to other processes and awaits their responses. A call goes to the grain's owner in
/// the current placement view; a refusal because ownership moved (or the owner is leaving) is
/// retried transparently against the newer view, within the response timeout. A call whose outcome
/// is unknown (timeout, lost connection after sending) is never resent.
/// </summary>
internal sealed partial class RemoteInvoker(
    ConnectionManager connections,
    CallbackTable callbacks,
    PlacementDirector placement,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider timeProvider,
    IServiceProvider services,
    ILogger<RemoteInvoker> logger)
{
    private const int MaxRedirects = 30;
    private readonly TimeSpan _responseTimeout = options.Value.ResponseTimeout;
    private readonly ConcurrentDictionary<Connection, bool> _watched = new();
    private SerializerSession? _session;

    private SerializerSession Session => _session ??= new SerializerSession((IGrainFactory)services.GetService(typeof(IGrainFactory))!);

    /// <summary>Calls a grain owned by another silo (or, when <paramref name="fixedTarget"/> is set, a client's observer).</summary>
    public async Task<Message> SendAsync(GrainReference target, Request request, Connection? fixedTarget = null)
    {
        var deadline = timeProvider.GetUtcNow() + _responseTimeout;
        var body = SerializeArguments(request);
        var context = RequestContext.Snapshot;
        for (var attempt = 0; ; attempt++)
        {
            var connection = fixedTarget ?? await ConnectToOwnerAsync(target.GrainId, deadline);
            Watch(connection);
            var (correlationId, responseTask) = callbacks.Register(connection);
            var message = new Message
            {
                CorrelationId = correlationId,
                Direction = MessageDirection.Request,
                Flags = (request.IsReadOnly ? MessageFlags.IsReadOnly : 0) | (request.IsAlwaysInterleave ? MessageFlags.IsAlwaysInterleave : 0),
                TargetGrain = target.GrainId,
                InterfaceId = request.InterfaceId,
                MethodId = request.MethodId,
                Deadline = deadline.UtcTicks,
                Context = context,
                Body = body,
            };

            try
            {
                await connection.SendAsync(message);
            }
            catch (MessagingException ex) when (fixedTarget is null && attempt < MaxRedirects && ex is ConnectionClosedException)
            {
                // The message never entered the closed connection's queue: sending it again is safe.
                callbacks.Remove(correlationId);
                LogResend(logger, target.GrainId, ex.Message);
                continue;
            }
            catch (MessagingException ex)
            {
                callbacks.Remove(correlationId);
                throw new SiloUnavailableException($"Could not send {target.GrainId}.{request.MethodName}: {ex.Message}", ex);
            }

            Message response;
            try
            {
                var remaining = deadline - timeProvider.GetUtcNow();
                response = await responseTask.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider).ConfigureAwait(false);
            }
            catch (TimeoutException ex)
            {
                callbacks.Remove(correlationId);
                throw new GrainCallTimeoutException(
                    $"{target.GrainId}.{request.MethodName} did not respond within {_responseTimeout.TotalSeconds:0.###} s; its outcome is unknown.", ex);
            }
            catch (MessagingException ex)
            {
                throw new SiloUnavailableException($"The connection carrying {target.GrainId}.{request.MethodName} was lost before its response; its outcome is unknown.", ex);
            }

            if (response.ResponseKind != ResponseKind.Rejection)
            {
                return response;
            }

            if (fixedTarget is not null || response.RejectionReason is not (RejectionReason.NotOwner or RejectionReason.ShuttingDown) || attempt >= MaxRedirects)
            {
                throw new InvalidOperationException($"{target.GrainId}.{request.MethodName} was refused: {response.RejectionReason}.");
            }

            // Ownership moved or the owner is leaving: wait (briefly) for a newer view, then retry.
            LogRedirected(logger, target.GrainId, response.RejectionReason, attempt + 1);
            await WaitForNewerViewAsync(placement.Current.Version, attempt, deadline);
        }
    }

    /// <summary>Turns a response into the call's result or exception.</summary>
    public TResult DecodeResult<TResult>(Message response, Request request)
    {
        var reader = new Reader(response.Body.Span, Session);
        if (response.ResponseKind == ResponseKind.Exception)
        {
            var exception = ReadField<Exception>(ref reader) ?? new RemoteGrainException("unknown", $"{request.MethodName} failed remotely without details.", null);
            ExceptionDispatchInfo.Throw(exception);
        }

        return ReadField<TResult>(ref reader)!;
    }

    private static T? ReadField<T>(ref Reader reader)
    {
        var result = default(T);
        while (reader.TryReadFieldHeader(out var id, out var wireType))
        {
            if (id == 0)
            {
                result = reader.ReadValue<T>(wireType);
            }
            else
            {
                reader.SkipField(wireType);
            }
        }

        return result;
    }

    private static ReadOnlyMemory<byte> SerializeArguments(Request request)
    {
        var writer = new Writer(256);
        try
        {
            request.WriteArguments(ref writer);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private async Task<Connection> ConnectToOwnerAsync(GrainId grainId, DateTimeOffset deadline)
    {
        for (var attempt = 0; ; attempt++)
        {
            var view = placement.Current;
            var owner = view.Owner(grainId);
            if (owner is { } silo)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(Remaining(deadline), timeProvider);
                    return await connections.GetConnectionAsync(SiloEndpoints.For(silo), timeout.Token);
                }
                catch (Exception ex) when (ex is ConnectionFailedException or OperationCanceledException)
                {
                    if (timeProvider.GetUtcNow() >= deadline)
                    {
                        throw new SiloUnavailableException($"Could not reach silo {silo}, owner of {grainId}: {ex.Message}", ex);
                    }

                    LogConnectFailed(logger, silo, ex.Message);
                }
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                throw new SiloUnavailableException($"No active silo owns {grainId}: the cluster view is empty.");
            }

            await WaitForNewerViewAsync(view.Version, attempt, deadline);
        }
    }

    private async Task WaitForNewerViewAsync(long version, int attempt, DateTimeOffset deadline)
    {
        if (placement.Current.Version > version)
        {
            return;
        }

        // Backoff grows from 10 ms to 500 ms; a view change ends the wait at once.
        var delay = TimeSpan.FromMilliseconds(Math.Min(500, 10 << Math.Min(attempt, 6)));
        var remaining = Remaining(deadline);
        var wait = delay < remaining ? delay : remaining;
        await Task.WhenAny(placement.NextChange, Task.Delay(wait, timeProvider)).ConfigureAwait(false);
    }

    private TimeSpan Remaining(DateTimeOffset deadline)
    {
        var remaining = deadline - timeProvider.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private void Watch(Connection connection)
    {
        if (_watched.TryAdd(connection, true))
        {
            connection.OnClosed((closed, info) =>
            {
                _watched.TryRemove(closed, out _);
                callbacks.FailConnection(closed, new ConnectionClosedException($"Connection to {closed.RemoteIdentity} closed: {info.Reason.Message}", info.Reason));
            });
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Call to {GrainId} refused ({Reason}); retry {Attempt} on a newer view")]
    private static partial void LogRedirected(ILogger logger, GrainId grainId, RejectionReason reason, int attempt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Resending a call to {GrainId} that never left a closed connection: {Error}")]
    private static partial void LogResend(ILogger logger, GrainId grainId, string error);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information, Message = "Could not connect to silo {Silo}: {Error}; waiting for a newer view")]
    private static partial void LogConnectFailed(ILogger logger, SiloAddress silo, string error);
}
