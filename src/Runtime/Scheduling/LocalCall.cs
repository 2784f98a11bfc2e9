using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Scheduling;

/// <summary>A queued local request and the promise its caller awaits.</summary>
internal abstract class LocalCallBase(Request request) : ActivationWorkItem
{
    public Request Request { get; } = request;

    public override bool IsReadOnly => Request.IsReadOnly;

    public override bool IsAlwaysInterleave => Request.IsAlwaysInterleave;

    public override bool KeepsAlive => true;

    public override bool CanForward => true;

    public override Task Start(object grainInstance)
    {
        RequestContext.Restore(Request.Context);
        return Request.Invoke(grainInstance);
    }

    public override void Complete(Task completed)
    {
        if (completed.IsFaulted)
        {
            Fail(completed.Exception!.InnerException ?? completed.Exception);
        }
        else if (completed.IsCanceled)
        {
            Cancel();
        }
        else
        {
            try
            {
                Succeed(completed);
            }
            catch (Exception ex)
            {
                // Copying the result failed (it could not be serialized): the caller gets that error.
                Fail(ex);
            }
        }
    }

    public override void Reject(Exception reason) => Fail(reason);

    protected abstract void Succeed(Task completed);

    protected abstract void Fail(Exception exception);

    protected abstract void Cancel();
}

/// <summary>A queued local request for a void method.</summary>
internal sealed class LocalCall(Request request) : LocalCallBase(request)
{
    private readonly TaskCompletionSource _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _promise.Task;

    protected override void Succeed(Task completed) => _promise.TrySetResult();

    protected override void Fail(Exception exception) => _promise.TrySetException(exception);

    protected override void Cancel() => _promise.TrySetCanceled();
}

/// <summary>A queued local request with a result, copied for isolation before the caller sees it.</summary>
internal sealed class LocalCall<TResult>(Request<TResult> request) : LocalCallBase(request)
{
    private readonly TaskCompletionSource<TResult> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Task => _promise.Task;

    protected override void Succeed(Task completed) => _promise.TrySetResult(((Task<TResult>)Request.CopyResult(completed)).Result);

    protected override void Fail(Exception exception) => _promise.TrySetException(exception);

    protected override void Cancel() => _promise.TrySetCanceled();
}
