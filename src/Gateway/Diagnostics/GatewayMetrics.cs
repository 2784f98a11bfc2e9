using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansChat.Gateway.Hubs;

namespace OrleansChat.Gateway.Diagnostics;

/// <summary>
/// The gateway's instruments (meter <see cref="MeterName"/>, from the host's <see cref="IMeterFactory"/>),
/// exported at <c>/metrics</c> as <c>orleanschat_gateway_*</c>. Names follow OpenTelemetry conventions.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "OrleansChat.Gateway";

    public const string TransportTag = "transport";
    public const string OutcomeTag = "outcome";
    public const string OperationTag = "db.operation.name";

    private static readonly KeyValuePair<string, object?> Hub = new(TransportTag, "hub");
    private static readonly KeyValuePair<string, object?> Rest = new(TransportTag, "rest");
    private static readonly KeyValuePair<string, object?> Success = new(OutcomeTag, "success");
    private static readonly KeyValuePair<string, object?> Failure = new(OutcomeTag, "failure");

    // Fan-out is usually milliseconds; the upper buckets show a stalled feed or clock skew between hosts.
    private static readonly double[] FanoutBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] DatabaseBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly TimeProvider _timeProvider;
    private readonly Counter<long> _posted;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _slowConsumers;
    private readonly Histogram<double> _fanout;
    private readonly Histogram<double> _database;

    public GatewayMetrics(IMeterFactory meterFactory, HubConnections connections, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableUpDownCounter("orleanschat.gateway.hub.connections", () => connections.Count, "{connection}", "Open hub connections on this gateway.");
        _posted = meter.CreateCounter<long>("orleanschat.gateway.messages.posted", "{message}", "Messages posted through this gateway, by transport (hub, rest) and outcome.");
        _delivered = meter.CreateCounter<long>("orleanschat.gateway.messages.delivered", "{message}", "New messages sent to hub connections: one per message and receiving connection.");
        _slowConsumers = meter.CreateCounter<long>("orleanschat.gateway.hub.slow_consumers.closed", "{connection}", "Hub connections closed because they took no event within Gateway:Hub:SlowConsumerTimeout.");
        _fanout = meter.CreateHistogram(
            "orleanschat.gateway.fanout.duration", "s", "Time from a message's commit in its grain (its CreatedAt) to the gateway sending it to the conversation's connections.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FanoutBuckets });
        _database = meter.CreateHistogram(
            "orleanschat.gateway.db.command.duration", "s", "Time of the gateway's own database work for signup, login and token refresh (accounts, sessions), by operation and outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DatabaseBuckets });
    }

    /// <summary>Awaits a post that came in through the hub (<paramref name="viaHub"/>) or REST, and counts it with its outcome.</summary>
    public async Task<T> CountPostAsync<T>(bool viaHub, Task<T> post)
    {
        try
        {
            var result = await post;
            _posted.Add(1, viaHub ? Hub : Rest, Success);
            return result;
        }
        catch
        {
            _posted.Add(1, viaHub ? Hub : Rest, Failure);
            throw;
        }
    }

    /// <summary>Counts a new message sent to <paramref name="connections"/> connections and records how long after its commit that was.</summary>
    public void Delivered(int connections, DateTimeOffset createdAt)
    {
        if (connections <= 0)
        {
            return;
        }

        _delivered.Add(connections);

        // Another host's clock stamped CreatedAt: a little skew can make the difference negative.
        var elapsed = _timeProvider.GetUtcNow() - createdAt;
        _fanout.Record(Math.Max(0, elapsed.TotalSeconds));
    }

    /// <summary>Counts new messages sent to one connection outside the group (history at a join), without a fan-out time.</summary>
    public void DeliveredDirectly(int messages)
    {
        if (messages > 0)
        {
            _delivered.Add(messages);
        }
    }

    /// <summary>Counts a connection closed for not taking events (<see cref="HubWriter"/>).</summary>
    public void SlowConsumerClosed() => _slowConsumers.Add(1);

    /// <summary>Runs one database operation of the gateway and records how long it took and whether it threw.</summary>
    public async Task<T> TimeDatabaseAsync<T>(string operation, Func<Task<T>> work)
    {
        var started = _timeProvider.GetTimestamp();
        var succeeded = false;
        try
        {
            var result = await work();
            succeeded = true;
            return result;
        }
        finally
        {
            var tags = new TagList { { OperationTag, operation }, succeeded ? Success : Failure };
            _database.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <inheritdoc cref="TimeDatabaseAsync{T}(string, Func{Task{T}})"/>
    public Task TimeDatabaseAsync(string operation, Func<Task> work) => TimeDatabaseAsync(operation, async () =>
    {
        await work();
        return true;
    });
}
