using Microsoft.Extensions.Options;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Moderation;

namespace OrleansChat.Grains.Messages;

/// <summary>What every conversation activation needs, resolved once per silo.</summary>
internal sealed class ConversationServices(IMessageStore store, WordFilter wordFilter, IOptions<ChatOptions> options, TimeProvider timeProvider, ChatMetrics metrics)
{
    public IMessageStore Store { get; } = store;

    public WordFilter WordFilter { get; } = wordFilter;

    public ChatOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ChatMetrics Metrics { get; } = metrics;
}
