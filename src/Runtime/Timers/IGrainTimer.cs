namespace OrleansChat.Runtime;

/// <summary>A timer owned by one activation; it dies with the activation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the timer.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
