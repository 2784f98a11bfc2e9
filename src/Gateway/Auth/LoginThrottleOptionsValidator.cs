using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>Start-up validation of <see cref="LoginThrottleOptions"/>.</summary>
internal sealed class LoginThrottleOptionsValidator : IValidateOptions<LoginThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginThrottleOptions options)
    {
        const string S = LoginThrottleOptions.SectionName;
        var failures = new List<string>();
        if (options.Window < TimeSpan.FromSeconds(1) || options.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"{S}:Window must be between 1 second and 1 day; it is {options.Window}.");
        }

        foreach (var (key, value) in new[]
                 {
                     ("MaxFailuresPerAccount", options.MaxFailuresPerAccount),
                     ("MaxFailuresPerAddress", options.MaxFailuresPerAddress),
                     ("MaxSignupsPerAddress", options.MaxSignupsPerAddress),
                 })
        {
            if (value is < 1 or > 100_000)
            {
                failures.Add($"{S}:{key} must be between 1 and 100000; it is {value}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
