using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>Start-up validation of <see cref="GatewayAuthOptions"/>; messages never echo the secret.</summary>
internal sealed class GatewayAuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayAuthOptions>
{
    public const int MinimumSecretLength = 32;
    public const int MinimumPasswordIterations = 210_000;

    public ValidateOptionsResult Validate(string? name, GatewayAuthOptions options)
    {
        const string S = GatewayAuthOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            failures.Add($"{S}:SigningSecret is not set. Every gateway replica needs the same secret of at least {MinimumSecretLength} characters " +
                $"(e.g. environment variable Gateway__Auth__SigningSecret); only the Development environment falls back to a built-in value.");
        }
        else if (options.SigningSecret.Length < MinimumSecretLength)
        {
            failures.Add($"{S}:SigningSecret is too short: it needs at least {MinimumSecretLength} characters.");
        }
        else if (options.SigningSecret == DevelopmentSecret.Value && !environment.IsDevelopment())
        {
            failures.Add($"{S}:SigningSecret is the public development value, which is refused outside the Development environment.");
        }

        Require(string.IsNullOrWhiteSpace(options.Issuer), $"{S}:Issuer must be set.");
        Require(string.IsNullOrWhiteSpace(options.Audience), $"{S}:Audience must be set.");
        Range(options.AccessTokenLifetime, TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), "AccessTokenLifetime");
        Range(options.SessionLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(365), "SessionLifetime");
        Range(options.GuestSessionLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(365), "GuestSessionLifetime");
        Range(options.ClockSkew, TimeSpan.Zero, TimeSpan.FromMinutes(5), "ClockSkew");
        Range(options.SigningKeyLifetime, TimeSpan.FromHours(1), TimeSpan.FromDays(365), "SigningKeyLifetime");
        Range(options.KeyRingRefreshInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10), "KeyRingRefreshInterval");
        Range(options.RevocationPollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), "RevocationPollInterval");
        Require(options.RevocationMaxStaleness < options.RevocationPollInterval * 3,
            $"{S}:RevocationMaxStaleness must be at least three poll intervals, so one slow poll does not fail every request.");
        Require(options.SessionLifetime < options.AccessTokenLifetime || options.GuestSessionLifetime < options.AccessTokenLifetime,
            $"{S}: session lifetimes must not be shorter than AccessTokenLifetime.");
        Require(options.PasswordIterationCount is < MinimumPasswordIterations or > 10_000_000,
            $"{S}:PasswordIterationCount must be between {MinimumPasswordIterations:N0} (OWASP's floor for PBKDF2-HMAC-SHA512) and 10,000,000; it is {options.PasswordIterationCount:N0}.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(bool violated, string message)
        {
            if (violated)
            {
                failures.Add(message);
            }
        }

        void Range(TimeSpan value, TimeSpan min, TimeSpan max, string key) =>
            Require(value < min || value > max, $"{S}:{key} must be between {min} and {max}; it is {value}.");
    }
}
