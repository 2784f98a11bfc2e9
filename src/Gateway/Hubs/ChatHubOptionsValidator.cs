using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Hubs;

/// <summary>Refuses hub settings that would disable a protection or cannot work.</summary>
internal sealed class ChatHubOptionsValidator : IValidateOptions<ChatHubOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatHubOptions options)
    {
        var failures = new List<string>();
        if (options.MaxReceiveMessageBytes is < 16 * 1024 or > 1024 * 1024)
        {
            failures.Add("Gateway:Hub:MaxReceiveMessageBytes must be between 16 KiB (a longest message) and 1 MiB.");
        }

        if (options.ConnectionPermitsPerSecond <= 0 || options.UserPermitsPerSecond <= 0 || options.ConnectionBurst < 1 || options.UserBurst < 1)
        {
            failures.Add("Gateway:Hub rate limits must be positive (they cannot be turned off).");
        }

        if (options.AbuseRefusals < 1 || options.AbuseWindow <= TimeSpan.Zero)
        {
            failures.Add("Gateway:Hub:AbuseRefusals and AbuseWindow must be positive.");
        }

        if (options.MaxSubscriptionsPerConnection < 1 || options.MaxCatchUpMessages is < 1 or > 10_000)
        {
            failures.Add("Gateway:Hub:MaxSubscriptionsPerConnection must be positive and MaxCatchUpMessages 1-10000.");
        }

        if (options.SubscriptionRenewal < TimeSpan.FromMilliseconds(100) || options.PresenceRenewal < TimeSpan.FromMilliseconds(100))
        {
            failures.Add("Gateway:Hub renewal intervals must be at least 100 ms.");
        }

        if (options.SlowConsumerTimeout < TimeSpan.FromMilliseconds(100) || options.SlowConsumerTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Gateway:Hub:SlowConsumerTimeout must be between 100 ms and 5 minutes.");
        }

        if (options.HotRoomBatchWindow < TimeSpan.Zero || options.HotRoomBatchWindow > TimeSpan.FromSeconds(5) || options.HotRoomMinSubscribers < 1)
        {
            failures.Add("Gateway:Hub:HotRoomBatchWindow must be between 0 (off) and 5 s, and HotRoomMinSubscribers at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
