using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Http;

/// <summary>Bad settings stop start-up with a message naming the setting, before anything listens.</summary>
public sealed class StartupValidationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Missing_signing_secret_outside_development_stops_start_up()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(postgres.ConnectionString, s => s.Configuration["Gateway:Auth:SigningSecret"] = null));

        Assert.Contains("Gateway:Auth:SigningSecret is not set", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Short_signing_secret_is_refused_without_echoing_it()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(postgres.ConnectionString, s => s.Configuration["Gateway:Auth:SigningSecret"] = "tooshort-secret"));

        Assert.Contains("too short", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tooshort-secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_without_a_secret_starts_with_the_public_development_secret_and_warns()
    {
        // Its own database: the key ring it creates is encrypted under the development secret.
        await using var gateway = await GatewayHost.StartAsync(await postgres.CreateDatabaseAsync(), s =>
        {
            s.EnvironmentName = "Development";
            s.Configuration["Gateway:Auth:SigningSecret"] = null;
        });

        await gateway.Client.StartGuestAsync();
        Assert.Contains(gateway.Logs.Entries, e => e.EventId == 5011 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task The_development_secret_is_refused_outside_development()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(postgres.ConnectionString, s => s.Configuration["Gateway:Auth:SigningSecret"] = DevelopmentSecret.Value));

        Assert.Contains("development value", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateway:Auth:PasswordIterationCount", "100000", "PasswordIterationCount")]
    [InlineData("Gateway:Auth:AccessTokenLifetime", "1.00:00:00", "AccessTokenLifetime")]
    [InlineData("Gateway:Http:ContentSecurityPolicy", "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'", "inline")]
    [InlineData("Gateway:Http:ContentSecurityPolicy", "default-src 'self'", "frame-ancestors")]
    [InlineData("Gateway:Http:AllowedOrigins:0", "*", "AllowedOrigins")]
    [InlineData("Gateway:Http:AllowedOrigins:0", "https://app.example/path", "AllowedOrigins")]
    [InlineData("Gateway:Http:TrustedProxies:0", "not-an-ip", "TrustedProxies")]
    [InlineData("Gateway:Auth:Throttle:MaxFailuresPerAccount", "0", "MaxFailuresPerAccount")]
    public async Task Unsafe_or_malformed_settings_stop_start_up(string key, string value, string expectedInMessage)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(postgres.ConnectionString, s => s.Configuration[key] = value));

        Assert.Contains(expectedInMessage, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_connection_string_is_refused_with_the_setting_name()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            GatewayHost.StartAsync(postgres.ConnectionString, s => s.Configuration["ConnectionStrings:Postgres"] = null));

        Assert.Contains("ConnectionStrings:Postgres", failure.Message, StringComparison.Ordinal);
    }
}
