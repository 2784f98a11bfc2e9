using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Scheduling;

namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// Delivers calls to activations in this process. The fast path runs the request inline when the
/// target is idle and returns the grain's own task (one allocation: the request); otherwise the
/// request queues on the activation with a promise. Either way a call that has not completed by
/// the response timeout fails with <see cref="GrainCallTimeoutException"/> and is never re-sent.
/// </summary>
internal sealed class LocalGrainCallInvoker(Catalog catalog, IOptions<GrainRuntimeOptions> options, TimeProvider timeProvider, Diagnostics.RuntimeInstruments? instruments = null) : IGrainCallInvoker
{
    private readonly TimeSpan _responseTimeout = options.Value.ResponseTimeout;

    public Task InvokeAsync(GrainReference target, Request request) =>
        instruments is null ? InvokeCore(target, request) : Measure(InvokeCore(target, request), target, request, System.Diagnostics.Stopwatch.GetTimestamp());

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
    {
        if (instruments is null)
        {
            return InvokeCore(target, request);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var task = InvokeCore(target, request);
        if (task.IsCompleted)
        {
            Record(task, target, request, started);
            return task;
        }

        return MeasureTyped(task, target, request, started);
    }

    private Task InvokeCore(GrainReference target, Request request)
    {
        Prepare(request);
        ActivationData activation;
        try
        {
            activation = catalog.GetOrCreate(target.GrainId);
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }

        if (activation.TryRunInline(request, out var task))
        {
            return task.IsCompleted ? task : WithTimeout(task, target, request);
        }

        var call = new LocalCall(request);
        catalog.Dispatch(target.GrainId, call);
        return WithTimeout(call.Task, target, request);
    }

    private Task<TResult> InvokeCore<TResult>(GrainReference target, Request<TResult> request)
    {
        Prepare(request);
        ActivationData activation;
        try
        {
            activation = catalog.GetOrCreate(target.GrainId);
        }
        catch (Exception ex)
        {
            return Task.FromException<TResult>(ex);
        }

        if (activation.TryRunInline(request, out var task))
        {
            if (task.IsCompletedSuccessfully)
            {
                return (Task<TResult>)request.CopyResult(task);
            }

            return task.IsCompleted ? (Task<TResult>)task : WithTimeout((Task<TResult>)task, target, request, copyResult: true);
        }

        var call = new LocalCall<TResult>(request);
        catalog.Dispatch(target.GrainId, call);
        return WithTimeout(call.Task, target, request, copyResult: false);
    }

    private Task Measure(Task task, GrainReference target, Request request, long started)
    {
        if (task.IsCompleted)
        {
            Record(task, target, request, started);
            return task;
        }

        return task.ContinueWith(
            t =>
            {
                Record(t, target, request, started);
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }

    private async Task<TResult> MeasureTyped<TResult>(Task<TResult> task, GrainReference target, Request request, long started)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            Record(task, target, request, started);
        }
    }

    private void Record(Task task, GrainReference target, Request request, long started) =>
        instruments!.GrainCallCompleted(
            target.GrainId.Type,
            request.MethodName,
            task.IsCompletedSuccessfully ? Diagnostics.CallOutcome.Success
                : task.Exception?.InnerException is GrainCallTimeoutException ? Diagnostics.CallOutcome.Timeout
                : task.IsCanceled ? Diagnostics.CallOutcome.Canceled : Diagnostics.CallOutcome.Failure,
            System.Diagnostics.Stopwatch.GetElapsedTime(started));

    private static void Prepare(Request request)
    {
        request.Context = RequestContext.Snapshot;
        request.CopyArguments();
    }

    private async Task WithTimeout(Task task, GrainReference target, Request request)
    {
        try
        {
            await task.WaitAsync(_responseTimeout, timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw Timeout(target, request, ex);
        }
    }

    private async Task<TResult> WithTimeout<TResult>(Task<TResult> task, GrainReference target, Request<TResult> request, bool copyResult)
    {
        TResult result;
        try
        {
            result = await task.WaitAsync(_responseTimeout, timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw Timeout(target, request, ex);
        }

        // Queued calls were copied when their promise completed; inline calls that went asynchronous are copied here.
        return copyResult ? Serialization.DeepCopier.Copy(result) : result;
    }

    private GrainCallTimeoutException Timeout(GrainReference target, Request request, Exception inner) =>
        new($"{target.GrainId}.{request.MethodName} did not respond within {_responseTimeout.TotalSeconds:0.###} s; its outcome is unknown.", inner);
}
