using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Fills in a fixed, public signing secret when none is configured in the Development
/// environment, so <c>dotnet run</c> and several local replicas work without setup. It is the
/// same value on every process (a per-process random secret would break multi-replica
/// development) and the validator refuses it in any other environment.
/// </summary>
internal sealed class DevelopmentSecret(IHostEnvironment environment) : IPostConfigureOptions<GatewayAuthOptions>
{
    public const string Value = "orleanschat-development-only-signing-secret-not-for-production";

    public void PostConfigure(string? name, GatewayAuthOptions options)
    {
        if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            options.SigningSecret = Value;
        }
    }
}
