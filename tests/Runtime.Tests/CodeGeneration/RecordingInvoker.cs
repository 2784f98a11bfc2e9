using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>
/// Test double for the runtime's invoker: records what proxies send and, when given a target
/// object, runs the request against it directly (no runtime, no copies, no serialization).
/// </summary>
internal sealed class RecordingInvoker(object? target = null) : IGrainCallInvoker
{
    private readonly List<(GrainReference Reference, Request Request)> _calls = [];

    public IReadOnlyList<(GrainReference Reference, Request Request)> Calls => _calls;

    public Request LastRequest => Assert.Single(_calls).Request;

    public Task InvokeAsync(GrainReference reference, Request request)
    {
        _calls.Add((reference, request));
        return target is null ? Task.CompletedTask : request.Invoke(target);
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference reference, Request<TResult> request)
    {
        _calls.Add((reference, request));
        return target is null ? Task.FromResult(default(TResult)!) : request.InvokeTyped(target);
    }

    /// <summary>A generated proxy for <typeparamref name="TInterface"/> that sends through this invoker.</summary>
    public TInterface Proxy<TInterface>(string key = "test")
    {
        var metadata = GrainInterfaceRegistry.Get(typeof(TInterface));
        return (TInterface)(object)metadata.CreateReference(this, new GrainId("test", key));
    }
}
