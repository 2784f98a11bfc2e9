using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Observers;
using OrleansChat.Runtime.Placement;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Handles every message that arrives on any connection: responses complete waiting calls;
/// requests for grains this silo owns go to the catalog, requests for local observers to their
/// objects, and anything else is refused so the caller can route again. Runs on a connection's
/// read loop, so it only decodes and hands off.
/// </summary>
internal sealed partial class MessageDispatcher(
    CallbackTable callbacks,
    ObserverRegistry observers,
    IServiceProvider services,
    TimeProvider timeProvider,
    ILogger<MessageDispatcher> logger) : IMessageHandler
{
    private Catalog? _catalog;
    private Diagnostics.RuntimeInstruments? _instruments;
    private SiloOwnership? _ownership;
    private SerializerSession? _session;
    private bool _resolved;

    public void OnMessage(Connection connection, Message message)
    {
        if (message.Direction == MessageDirection.Response)
        {
            callbacks.Complete(message);
            return;
        }

        Resolve();
        if (message.IsExpired(timeProvider.GetUtcNow()))
        {
            // Its caller has already given up; running it now would only add load.
            LogExpired(logger, message.TargetGrain);
            return;
        }

        if (ObserverId.IsObserver(message.TargetGrain))
        {
            DispatchToObserver(connection, message);
            return;
        }

        if (_catalog is null || _ownership is null)
        {
            connection.TrySend(Message.CreateRejection(message, RejectionReason.UnknownGrainType));
            return;
        }

        if (_ownership.IsLeaving)
        {
            connection.TrySend(Message.CreateRejection(message, RejectionReason.ShuttingDown));
            return;
        }

        if (!_ownership.IsLocal(message.TargetGrain))
        {
            connection.TrySend(Message.CreateRejection(message, RejectionReason.NotOwner));
            return;
        }

        if (!TryDecode(connection, message, out var request))
        {
            return;
        }

        _catalog.Dispatch(message.TargetGrain, new RemoteCall(request, message, connection, _instruments));
    }

    private void DispatchToObserver(Connection connection, Message message)
    {
        var observer = observers.Find(message.TargetGrain);
        if (observer is null)
        {
            RemoteCall.RespondWithException(connection, message, new InvalidOperationException($"Observer {message.TargetGrain} is not registered here (deleted, or its process restarted)."));
            return;
        }

        if (!TryDecode(connection, message, out var request))
        {
            return;
        }

        // Observers are plain objects, not activations: calls run on the thread pool as they arrive.
        var call = new RemoteCall(request, message, connection);
        _ = Task.Run(async () =>
        {
            Task task;
            try
            {
                task = call.Start(observer);
                await task.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                task = Task.FromException(ex);
            }

            call.Complete(task);
        });
    }

    private bool TryDecode(Connection connection, Message message, out Request request)
    {
        request = null!;
        var metadata = GrainInterfaceRegistry.Find(message.InterfaceId);
        var created = metadata?.CreateRequest(message.MethodId);
        if (created is null)
        {
            RemoteCall.RespondWithException(connection, message, new NotSupportedException(
                $"Unknown grain interface {message.InterfaceId:x8} or method {message.MethodId} for {message.TargetGrain}; is this silo running an older build?"));
            return false;
        }

        try
        {
            var reader = new Reader(message.Body.Span, _session);
            created.ReadArguments(ref reader);
        }
        catch (Exception ex) when (ex is WireFormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            RemoteCall.RespondWithException(connection, message, new WireFormatException($"The arguments of {created.MethodName} could not be read: {ex.Message}"));
            return false;
        }

        created.Context = message.Context;
        request = created;
        return true;
    }

    private void Resolve()
    {
        if (_resolved)
        {
            return;
        }

        _catalog = (Catalog?)services.GetService(typeof(Catalog));
        _instruments = (Diagnostics.RuntimeInstruments?)services.GetService(typeof(Diagnostics.RuntimeInstruments));
        _ownership = (SiloOwnership?)services.GetService(typeof(SiloOwnership));
        _session = new SerializerSession((IGrainFactory)services.GetService(typeof(IGrainFactory))!);
        _resolved = true;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "Dropped an expired request for {GrainId}")]
    private static partial void LogExpired(ILogger logger, GrainId grainId);
}
