using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansChat.Grains.Hosting;

/// <summary>Logs the effective chat settings once at start-up (there are no secrets among them; blocked words are counted, not listed).</summary>
internal sealed partial class ChatOptionsLogger(IOptions<ChatOptions> options, ILogger<ChatOptionsLogger> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        LogOptions(
            logger,
            o.MaxMessageLength,
            o.RateLimit.PermitLimit,
            o.RateLimit.Window,
            o.RateLimit.Burst,
            o.Spam.MaxRepeats,
            o.Spam.Window,
            o.WordFilter.Words.Count,
            o.WordFilter.Mode,
            o.PasswordIterations,
            o.MaxBatchSize,
            o.GroupCommitWriters,
            o.GroupCommitMaxMessages,
            o.SubscriptionLifetime);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message =
        "Chat settings: max message {MaxMessageLength} characters; rate {PermitLimit} per {Window} (burst {Burst}); spam {MaxRepeats} repeats per {SpamWindow}; " +
        "word filter {WordCount} words ({Mode}); PBKDF2 {Iterations} iterations; group commit up to {MaxBatchSize} per conversation, {GroupCommitWriters} writers of up to {GroupCommitMaxMessages} per transaction; subscriptions last {SubscriptionLifetime}")]
    private static partial void LogOptions(
        ILogger logger,
        int maxMessageLength,
        int permitLimit,
        TimeSpan window,
        int burst,
        int maxRepeats,
        TimeSpan spamWindow,
        int wordCount,
        Moderation.WordFilterMode mode,
        int iterations,
        int maxBatchSize,
        int groupCommitWriters,
        int groupCommitMaxMessages,
        TimeSpan subscriptionLifetime);
}
