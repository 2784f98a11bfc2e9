using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Rejects settings that would make the transport misbehave, naming each bad value.</summary>
internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    /// <summary>Smallest max frame size: at least a full handshake frame.</summary>
    public const int MinimumMaxFrameSize = ConnectionHandshake.MaxHandshakeFrameSize;

    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{nameof(MessagingOptions.ClusterId)} is required.");
        }

        if (options.MaxFrameSize < MinimumMaxFrameSize)
        {
            failures.Add($"{nameof(MessagingOptions.MaxFrameSize)} must be at least {MinimumMaxFrameSize} bytes (was {options.MaxFrameSize}).");
        }

        if (options.OutboundQueueCapacity < 1)
        {
            failures.Add($"{nameof(MessagingOptions.OutboundQueueCapacity)} must be at least 1 (was {options.OutboundQueueCapacity}).");
        }

        RequirePositive(failures, nameof(MessagingOptions.ConnectTimeout), options.ConnectTimeout);
        RequirePositive(failures, nameof(MessagingOptions.ReconnectInitialDelay), options.ReconnectInitialDelay);
        RequirePositive(failures, nameof(MessagingOptions.CloseTimeout), options.CloseTimeout);
        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            failures.Add($"{nameof(MessagingOptions.ReconnectMaxDelay)} ({options.ReconnectMaxDelay}) must not be less than {nameof(MessagingOptions.ReconnectInitialDelay)} ({options.ReconnectInitialDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive (was {value}).");
        }
    }
}
