namespace OrleansChat.Runtime.Scheduling;

/// <summary>
/// Bookkeeping for a request that started inline and went asynchronous: the caller already holds
/// the grain's task, so completing only releases the activation. Allocated only on that slow path.
/// </summary>
internal sealed class InlineCompletion(bool isReadOnly) : ActivationWorkItem
{
    public override bool IsReadOnly { get; } = isReadOnly;

    public override bool IsAlwaysInterleave => false;

    public override bool KeepsAlive => true;

    public override bool CanForward => false;

    public override Task Start(object grainInstance) => throw new InvalidOperationException("Inline requests are started by the caller.");

    public override void Complete(Task completed)
    {
    }

    public override void Reject(Exception reason)
    {
    }
}
