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
internal sealed class LocalGrainCallInvoker(Catalog catalog, IOptions<GrainRuntimeOptions> options, TimeProvider timeProvider) : IGrainCallInvoker
{
    private readonly TimeSpan _responseTimeout = options.Value.ResponseTimeout;

    public Task InvokeAsync(GrainReference target, Request request)
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

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request)
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
