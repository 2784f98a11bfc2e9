using OrleansChat.Runtime.Activation;

namespace OrleansChat.Runtime.Scheduling;

/// <summary>
/// Something that runs on an activation as a request does: admitted by the activation's
/// concurrency rules, running until its task completes. Requests and timer ticks are work items.
/// </summary>
internal abstract class ActivationWorkItem
{
    /// <summary>May interleave with other read-only items.</summary>
    public abstract bool IsReadOnly { get; }

    /// <summary>May interleave with anything.</summary>
    public abstract bool IsAlwaysInterleave { get; }

    /// <summary>Counts as activity for idle collection.</summary>
    public abstract bool KeepsAlive { get; }

    /// <summary>Starts the item on the grain instance; runs on the activation's turn.</summary>
    public abstract Task Start(object grainInstance);

    /// <summary>The task returned by <see cref="Start"/> completed (successfully or not).</summary>
    public abstract void Complete(Task completed);

    /// <summary>The item will never run here (activation failed or the runtime stops).</summary>
    public abstract void Reject(Exception reason);

    /// <summary>The activation running this item, set when its task completes asynchronously.</summary>
    public ActivationData? Owner { get; set; }

    /// <summary>The item may be retried on a new activation of the same grain (requests: yes; timer ticks: no).</summary>
    public abstract bool CanForward { get; }
}
