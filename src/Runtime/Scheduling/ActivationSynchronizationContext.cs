using OrleansChat.Runtime.Activation;

namespace OrleansChat.Runtime.Scheduling;

/// <summary>
/// Installed while an activation runs a turn, so every <c>await</c> in grain code resumes on the
/// activation's own serial queue. This is what makes "one turn at a time" hold across awaits.
/// </summary>
internal sealed class ActivationSynchronizationContext(ActivationData activation) : SynchronizationContext
{
    public ActivationData Activation { get; } = activation;

    public override void Post(SendOrPostCallback d, object? state) => Activation.PostContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous sends to an activation would deadlock it; await instead.");

    public override SynchronizationContext CreateCopy() => this;
}
