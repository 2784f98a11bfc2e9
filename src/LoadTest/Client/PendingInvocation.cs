using System.Diagnostics;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Client;

/// <summary>An invocation waiting for its completion. Completed on the connection's receive loop.</summary>
internal abstract class PendingInvocation
{
    public long StartedTimestamp { get; } = Stopwatch.GetTimestamp();

    /// <summary>The server answered (with a result or an error).</summary>
    public abstract void Complete(HubClient client, in HubRecord completion);

    /// <summary>No answer will come: the connection dropped, the send failed or it timed out.</summary>
    public abstract void Fail(HubClient client, string code, string message);

    /// <summary>A stream item for a streaming invocation (ignored by plain invocations).</summary>
    public virtual void OnStreamItem(HubClient client, ReadOnlySpan<byte> item)
    {
    }
}
