using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansChat.Gateway.Tests.Hosting;

/// <summary>
/// The gateway process (its build output, as <c>run.sh</c> and the containers start it) refuses to
/// start on a bad setting or environment with exit code 1 and one line on stderr that says what to
/// fix, never a stack trace and never the secret.
/// </summary>
public sealed class GatewayProcessStartupTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Secret = "process-test-signing-secret-0123456789-abcdef";

    [Fact]
    public async Task A_port_in_use_stops_the_gateway_with_one_line_naming_the_address()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var run = await RunGatewayAsync(postgres.ConnectionString, port, Secret);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"gateway: Failed to bind to address http://127.0.0.1:{port}: address already in use.", run.LastErrorLine);
    }

    [Fact]
    public async Task An_unreachable_database_stops_the_gateway_without_showing_the_password()
    {
        var connectionString = $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Password=db-password-never-shown;Timeout=2";

        var run = await RunGatewayAsync(connectionString, FreePort.Next(), Secret);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("gateway: ", run.LastErrorLine, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", run.LastErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("db-password-never-shown", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_stops_the_gateway_without_echoing_it()
    {
        var run = await RunGatewayAsync("Host=127.0.0.1;Password=db-password-never-shown;No Such Keyword=1", FreePort.Next(), Secret);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("connection string is malformed", run.LastErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("db-password-never-shown", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_signing_secret_outside_development_stops_the_gateway_naming_the_setting()
    {
        var run = await RunGatewayAsync(postgres.ConnectionString, FreePort.Next(), signingSecret: null);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("gateway: ", run.LastErrorLine, StringComparison.Ordinal);
        Assert.Contains("Gateway:Auth:SigningSecret is not set", run.LastErrorLine, StringComparison.Ordinal);
    }

    private static async Task<ProcessRun> RunGatewayAsync(string connectionString, int port, string? signingSecret)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "OrleansChat.Gateway.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment.Remove("Gateway__Auth__SigningSecret");
        if (signingSecret is not null)
        {
            start.Environment["Gateway__Auth__SigningSecret"] = signingSecret;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The gateway did not exit within 90 s; it was expected to refuse to start. Output:\n{await output}\n{await error}");
        }

        return new ProcessRun(process.ExitCode, await output, await error);
    }

    private sealed record ProcessRun(int ExitCode, string StandardOutput, string StandardError)
    {
        public string LastErrorLine => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? string.Empty;
    }
}
