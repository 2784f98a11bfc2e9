using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Persistence.PostgreSql;

/// <summary>Checks each named storage's options at start-up; messages name the storage.</summary>
internal sealed class PostgreSqlGrainStorageOptionsValidator : IValidateOptions<PostgreSqlGrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlGrainStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"Grain storage '{name}': PostgreSqlGrainStorageOptions.ServiceId is required and must not be empty.");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"Grain storage '{name}': PostgreSqlGrainStorageOptions.CommandTimeout must be between 1 second and 1 hour; it is {options.CommandTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
