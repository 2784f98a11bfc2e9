using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Uploads;

internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options) =>
        options.MaxBytes is >= 1024 and <= 100 * 1024 * 1024
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Gateway:Uploads:MaxBytes must be between 1024 and 104857600 (100 MiB).");
}
