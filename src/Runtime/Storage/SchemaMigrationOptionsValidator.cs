using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Storage;

/// <summary>Rejects a command timeout under Npgsql's one-second resolution or absurdly long.</summary>
internal sealed class SchemaMigrationOptionsValidator : IValidateOptions<SchemaMigrationOptions>
{
    public ValidateOptionsResult Validate(string? name, SchemaMigrationOptions options)
    {
        var failures = new List<string>();
        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"SchemaMigrationOptions.CommandTimeout must be between 1 second and 1 day; it is {options.CommandTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
