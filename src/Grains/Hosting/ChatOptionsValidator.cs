using Microsoft.Extensions.Options;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Hosting;

/// <summary>Refuses settings that would weaken a guarantee or make no sense.</summary>
internal sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                failures.Add(message);
            }
        }

        Check(options.MaxMessageLength is >= 1 and <= ChatLimits.MaxMessageLength, $"Chat:MaxMessageLength must be 1-{ChatLimits.MaxMessageLength}; it is {options.MaxMessageLength}.");
        Check(options.RateLimit.PermitLimit >= 1, "Chat:RateLimit:PermitLimit must be at least 1.");
        Check(options.RateLimit.Burst >= 1, "Chat:RateLimit:Burst must be at least 1.");
        Check(options.RateLimit.Window > TimeSpan.Zero && options.RateLimit.Window <= TimeSpan.FromHours(1), "Chat:RateLimit:Window must be positive and at most an hour.");
        Check(options.Spam.MaxRepeats >= 1, "Chat:Spam:MaxRepeats must be at least 1.");
        Check(options.Spam.Window > TimeSpan.Zero && options.Spam.Window <= TimeSpan.FromHours(1), "Chat:Spam:Window must be positive and at most an hour.");
        Check(options.WordFilter.Words.All(w => !string.IsNullOrWhiteSpace(w) && w.Length <= 64), "Chat:WordFilter:Words must be non-blank words of at most 64 characters.");
        Check(Enum.IsDefined(options.WordFilter.Mode), "Chat:WordFilter:Mode must be Mask or Reject.");
        Check(options.GameInviteLifetime >= TimeSpan.FromSeconds(1) && options.GameInviteLifetime <= TimeSpan.FromDays(7), "Chat:GameInviteLifetime must be between 1 second and 7 days.");
        Check(options.SubscriptionLifetime >= TimeSpan.FromSeconds(1) && options.SubscriptionLifetime <= TimeSpan.FromHours(1), "Chat:SubscriptionLifetime must be between 1 second and 1 hour.");
        Check(options.PresenceLeaseLifetime >= TimeSpan.FromSeconds(1) && options.PresenceLeaseLifetime <= TimeSpan.FromHours(1), "Chat:PresenceLeaseLifetime must be between 1 second and 1 hour.");
        Check(options.TypingThrottle >= TimeSpan.Zero && options.TypingThrottle <= TimeSpan.FromMinutes(1), "Chat:TypingThrottle must be between 0 and 1 minute.");
        Check(options.PasswordIterations is >= 210_000 and <= 10_000_000, $"Chat:PasswordIterations must be 210,000-10,000,000 (OWASP minimum for PBKDF2-HMAC-SHA512); it is {options.PasswordIterations}.");
        Check(options.PasswordAttempts >= 1, "Chat:PasswordAttempts must be at least 1.");
        Check(options.PasswordAttemptWindow > TimeSpan.Zero && options.PasswordAttemptWindow <= TimeSpan.FromDays(1), "Chat:PasswordAttemptWindow must be positive and at most a day.");
        Check(options.MaxBatchSize is >= 1 and <= 1_000, "Chat:MaxBatchSize must be 1-1,000.");
        Check(options.GroupCommitWriters is >= 1 and <= 16, $"Chat:GroupCommitWriters must be 1-16; it is {options.GroupCommitWriters}.");
        Check(
            options.GroupCommitMaxMessages >= options.MaxBatchSize && options.GroupCommitMaxMessages <= 10_000,
            $"Chat:GroupCommitMaxMessages must be between Chat:MaxBatchSize ({options.MaxBatchSize}) and 10,000; it is {options.GroupCommitMaxMessages}.");
        Check(options.MaxPendingDeliveries is >= 1 and <= 1_000_000, "Chat:MaxPendingDeliveries must be 1-1,000,000.");
        Check(options.MemberCacheSize is >= 16 and <= 10_000_000, "Chat:MemberCacheSize must be 16-10,000,000.");
        Check(options.RecentMessageCacheSize is >= 0 and <= 100_000, "Chat:RecentMessageCacheSize must be 0-100,000.");
        Check(options.CommandTimeout >= TimeSpan.FromSeconds(1) && options.CommandTimeout <= TimeSpan.FromMinutes(10), "Chat:CommandTimeout must be between 1 second and 10 minutes.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
