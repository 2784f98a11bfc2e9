using System.Net.WebSockets;
using System.Text;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Http;

public sealed class SecretsInLogsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Passwords_tokens_and_the_signing_secret_never_reach_the_logs_even_at_trace_level()
    {
        await using var gateway = await GatewayHost.StartAsync(await postgres.CreateDatabaseAsync(), s =>
            s.Configuration["Gateway:Auth:Throttle:MaxFailuresPerAccount"] = "2");
        var username = Names.Unique();
        const string Password = "hunter2-but-longer-7c1d";
        const string WrongPassword = "wrong-password-9f2e-guess";
        var secrets = new List<string> { Password, WrongPassword, GatewayHost.TestSigningSecret };

        var signup = await gateway.Client.SignUpAsync(username, Password);
        var login = await gateway.Client.LogInAsync(username, Password);
        var refreshed = await gateway.Client.RefreshAsync(login.RefreshToken);
        await gateway.Client.GetMeOkAsync(refreshed.AccessToken);
        using (await gateway.Client.PostLoginAsync(username, WrongPassword))
        using (await gateway.Client.PostLoginAsync(username, WrongPassword))
        using (await gateway.Client.PostLoginAsync(username, WrongPassword))
        using (await gateway.Client.PostRefreshAsync(login.RefreshToken))
        using (await gateway.Client.PostSignupAsync(Names.Unique(), "short"))
        using (var unreadable = new StringContent($"{{\"username\":\"{username}\",\"password\":\"{Password}\"", Encoding.UTF8, "application/json"))
        using (await gateway.Client.PostAsync("/api/auth/login", unreadable))
        {
        }

        // The hub token, as the web client sends it, and an access token, which the hub accepts too.
        foreach (var hubCredential in new[] { signup.HubToken, signup.AccessToken })
        {
            using var socket = new ClientWebSocket();
            var uri = new UriBuilder(gateway.BaseAddress) { Scheme = "ws", Path = "/hubs/chat", Query = "access_token=" + hubCredential }.Uri;
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }

        await Wait.Until(
            () => gateway.Logs.Entries.Count(e => e.EventId == 5001 && e.Message.Contains("/hubs/chat", StringComparison.Ordinal)) >= 2,
            "both hub requests are logged once their WebSockets closed");

        using (await gateway.Client.LogOutAsync(signup.AccessToken))
        using (await gateway.Client.GetMeAsync(signup.AccessToken))
        {
        }

        foreach (var tokens in new[] { signup, login, refreshed })
        {
            secrets.Add(tokens.AccessToken);
            secrets.Add(tokens.AccessToken.Split('.')[2]);
            secrets.Add(tokens.HubToken);
            secrets.Add(tokens.HubToken[HubTokenCodec.Prefix.Length..]);
            secrets.Add(tokens.RefreshToken);
            secrets.Add(tokens.RefreshToken.Split('.')[1]);
        }

        var entries = gateway.Logs.Entries.ToList();
        // The capture really saw the interesting paths, down to debug-level request logs.
        Assert.True(entries.Any(e => e.EventId == 5401), "no 'logged in' entry was captured");
        Assert.True(entries.Any(e => e.EventId == 5403), "no 'throttled' entry was captured");
        Assert.True(entries.Any(e => e.EventId == 5001 && e.Message.Contains("/hubs/chat", StringComparison.Ordinal)), "no request log entry for the hub was captured");
        Assert.True(entries.Any(e => e.Category.StartsWith("Npgsql", StringComparison.Ordinal)), "no Npgsql entry was captured");
        Assert.True(entries.Any(e => e.Category.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)), "no Kestrel entry was captured");
        foreach (var secret in secrets)
        {
            var leak = entries.FirstOrDefault(e => e.Contains(secret));
            Assert.True(leak is null, $"a secret appeared in the log: [{leak?.Category}] {leak?.Message}");
        }
    }
}
