using System.Diagnostics.Metrics;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>
/// The chat grains' instruments (one meter, from the host's <see cref="IMeterFactory"/>). Names follow
/// OpenTelemetry conventions; the batch-size and transaction histograms show group commit at work.
/// </summary>
internal sealed class ChatMetrics
{
    public const string MeterName = "OrleansChat.Grains";

    private readonly Counter<long> _messages;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<int> _transactionMessages;
    private readonly Histogram<int> _transactionConversations;
    private readonly Counter<long> _appendFailures;
    private readonly Counter<long> _observersDropped;

    public ChatMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("orleanschat.chat.messages", "{message}", "Messages committed to conversation logs.");
        _batchSize = meter.CreateHistogram<int>("orleanschat.chat.append.batch_size", "{message}", "Messages of one conversation written together (the conversation's group commit).");
        _transactionMessages = meter.CreateHistogram<int>("orleanschat.chat.append.transaction_messages", "{message}", "Messages per committed append transaction (the silo-wide group commit across conversations).");
        _transactionConversations = meter.CreateHistogram<int>("orleanschat.chat.append.transaction_conversations", "{conversation}", "Conversations per committed append transaction (the silo-wide group commit).");
        _appendFailures = meter.CreateCounter<long>("orleanschat.chat.append.failures", "{append}", "Appends that failed; none of their messages was acknowledged.");
        _observersDropped = meter.CreateCounter<long>("orleanschat.chat.observers.dropped", "{observer}", "Observer subscriptions dropped because a delivery failed or fell behind.");
    }

    public void Appended(int batchSize, int created)
    {
        _batchSize.Record(batchSize);
        _messages.Add(created);
    }

    public void TransactionCommitted(int messages, int conversations)
    {
        _transactionMessages.Record(messages);
        _transactionConversations.Record(conversations);
    }

    public void AppendFailed() => _appendFailures.Add(1);

    public void ObserverDropped(string reason) => _observersDropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
