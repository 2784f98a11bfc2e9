namespace OrleansChat.Runtime.Invocation;

/// <summary>Sends a request to the grain a reference points at: to a local activation or, in a cluster, over the wire.</summary>
public interface IGrainCallInvoker
{
    /// <summary>Sends a void request.</summary>
    Task InvokeAsync(GrainReference target, Request request);

    /// <summary>Sends a request with a result.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request);
}
