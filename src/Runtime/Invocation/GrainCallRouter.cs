using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Messaging;
using OrleansChat.Runtime.Observers;
using OrleansChat.Runtime.Placement;

namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// The invoker behind every grain reference. Decides where a call runs: an activation in this
/// silo (the fast local path), another silo (over the wire, to the grain's owner), or an observer
/// object in this or a client process. Without clustering everything is local.
/// </summary>
internal sealed class GrainCallRouter(ObserverRegistry observers, IServiceProvider services) : IGrainCallInvoker
{
    private LocalGrainCallInvoker? _local;
    private const int MaxLocalReroutes = 5;
    private RemoteInvoker? _remote;
    private SiloOwnership? _ownership;
    private ConnectionRegistry? _inbound;
    private volatile bool _resolved;

    public Task InvokeAsync(GrainReference target, Request request)
    {
        Resolve();
        if (ObserverId.IsObserver(target.GrainId))
        {
            return InvokeObserverAsync(target, request);
        }

        if (_remote is null)
        {
            return _local is null ? request.FromException(new InvalidOperationException("This process hosts no grains and is not connected to a cluster.")) : _local.InvokeAsync(target, request);
        }

        if (_ownership?.IsLocal(target.GrainId) == true)
        {
            var task = _local!.InvokeAsync(target, request);
            return task.IsCompletedSuccessfully ? task : RerouteIfMovedAsync(task, target, request);
        }

        return RemoteAsync(target, request);
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        Resolve();
        if (ObserverId.IsObserver(target.GrainId))
        {
            return InvokeObserverAsync(target, request);
        }

        if (_remote is null)
        {
            return _local is null ? (Task<TResult>)request.FromException(new InvalidOperationException("This process hosts no grains and is not connected to a cluster.")) : _local.InvokeAsync(target, request);
        }

        if (_ownership?.IsLocal(target.GrainId) == true)
        {
            var task = _local!.InvokeAsync(target, request);
            return task.IsCompletedSuccessfully ? task : RerouteIfMovedAsync(task, target, request);
        }

        return RemoteAsync(target, request);
    }

    private async Task RerouteIfMovedAsync(Task task, GrainReference target, Request request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await task.ConfigureAwait(false);
                return;
            }
            catch (GrainMovedException) when (attempt < MaxLocalReroutes)
            {
                task = _ownership?.IsLocal(target.GrainId) == true ? _local!.InvokeAsync(target, request) : RemoteAsync(target, request);
            }
        }
    }

    private async Task<TResult> RerouteIfMovedAsync<TResult>(Task<TResult> task, GrainReference target, Request<TResult> request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            catch (GrainMovedException) when (attempt < MaxLocalReroutes)
            {
                task = _ownership?.IsLocal(target.GrainId) == true ? _local!.InvokeAsync(target, request) : RemoteAsync(target, request);
            }
        }
    }

    private async Task RemoteAsync(GrainReference target, Request request, Connection? connection = null)
    {
        var response = await _remote!.SendAsync(target, request, connection).ConfigureAwait(false);
        _remote.DecodeResult<byte>(response, request);
    }

    private async Task<TResult> RemoteAsync<TResult>(GrainReference target, Request<TResult> request, Connection? connection = null)
    {
        var response = await _remote!.SendAsync(target, request, connection).ConfigureAwait(false);
        return _remote.DecodeResult<TResult>(response, request);
    }

    private Task InvokeObserverAsync(GrainReference target, Request request)
    {
        if (observers.IsLocal(target.GrainId))
        {
            return InvokeLocalObserver(target, request);
        }

        return RemoteAsync(target, request, ConnectionToObserverHost(target.GrainId));
    }

    private Task<TResult> InvokeObserverAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        if (observers.IsLocal(target.GrainId))
        {
            return (Task<TResult>)InvokeLocalObserver(target, request);
        }

        return RemoteAsync(target, request, ConnectionToObserverHost(target.GrainId));
    }

    private Task InvokeLocalObserver(GrainReference target, Request request)
    {
        var observer = observers.Find(target.GrainId);
        if (observer is null)
        {
            return request.FromException(new InvalidOperationException($"Observer {target.GrainId} is not registered (deleted?)."));
        }

        request.CopyArguments();
        try
        {
            return request.Invoke(observer);
        }
        catch (Exception ex)
        {
            return request.FromException(ex);
        }
    }

    private Connection ConnectionToObserverHost(GrainId observerId)
    {
        var host = ObserverId.HostOf(observerId);
        return _remote is not null && _inbound?.FindByPeer(host) is { IsClosed: false } connection
            ? connection
            : throw new SiloUnavailableException($"The process hosting observer {observerId} ({host}) is not connected here.");
    }

    private void Resolve()
    {
        if (_resolved)
        {
            return;
        }

        _local = (LocalGrainCallInvoker?)services.GetService(typeof(LocalGrainCallInvoker));
        _remote = (RemoteInvoker?)services.GetService(typeof(RemoteInvoker));
        _ownership = (SiloOwnership?)services.GetService(typeof(SiloOwnership));
        _inbound = (ConnectionRegistry?)services.GetService(typeof(ConnectionRegistry));
        _resolved = true;
    }
}
