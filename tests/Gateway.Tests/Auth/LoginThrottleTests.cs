using System.Net;
using System.Net.Http.Json;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Auth;

/// <summary>Each test gets its own database: the budgets are per address, and every test calls from 127.0.0.1.</summary>
public sealed class LoginThrottleTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string WrongPassword = "definitely not it";

    [Fact]
    public async Task After_N_failed_logins_the_account_is_throttled_with_retry_after_even_for_the_right_password()
    {
        await using var gateway = await StartAsync(perAccount: 3, perAddress: 100);
        var username = Names.Unique();
        await gateway.Client.SignUpAsync(username);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await gateway.Client.PostLoginAsync(username, WrongPassword);
            await failed.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }

        using var throttled = await gateway.Client.PostLoginAsync(username, Names.Password);
        var problem = await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
        var retryAfter = throttled.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.Equal((long)retryAfter.Value.TotalSeconds, problem.GetProperty("retryAfterSeconds").GetInt64());
    }

    [Fact]
    public async Task Throttling_one_account_leaves_other_accounts_on_the_same_address_alone()
    {
        await using var gateway = await StartAsync(perAccount: 2, perAddress: 100);
        var victim = Names.Unique();
        var bystander = Names.Unique();
        await gateway.Client.SignUpAsync(victim);
        await gateway.Client.SignUpAsync(bystander);

        for (var i = 0; i < 2; i++)
        {
            using var failed = await gateway.Client.PostLoginAsync(victim, WrongPassword);
        }

        using var throttled = await gateway.Client.PostLoginAsync(victim, WrongPassword);
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
        await gateway.Client.LogInAsync(bystander);
    }

    [Fact]
    public async Task Unknown_accounts_are_throttled_like_existing_ones()
    {
        await using var gateway = await StartAsync(perAccount: 2, perAddress: 100);
        var nobody = Names.Unique("nobody");

        for (var i = 0; i < 2; i++)
        {
            using var failed = await gateway.Client.PostLoginAsync(nobody, WrongPassword);
            await failed.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }

        using var throttled = await gateway.Client.PostLoginAsync(nobody, WrongPassword);
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
    }

    [Fact]
    public async Task After_N_failed_logins_from_one_address_every_account_is_throttled_there_but_not_elsewhere()
    {
        // Loopback is a trusted proxy here, so X-Forwarded-For names the client address.
        await using var gateway = await StartAsync(perAccount: 100, perAddress: 3, s => s.Configuration["Gateway:Http:TrustedProxies:0"] = "127.0.0.1");
        var username = Names.Unique();
        await gateway.Client.SignUpAsync(username);
        using var attacker = gateway.CreateClient();
        attacker.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        using var someoneElse = gateway.CreateClient();
        someoneElse.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        for (var i = 0; i < 3; i++)
        {
            using var failed = await attacker.PostLoginAsync(Names.Unique("spray"), WrongPassword);
            await failed.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }

        using var throttled = await attacker.PostLoginAsync(username, Names.Password);
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
        await someoneElse.LogInAsync(username);
    }

    [Fact]
    public async Task Forwarded_addresses_are_ignored_unless_the_proxy_is_trusted()
    {
        await using var gateway = await StartAsync(perAccount: 100, perAddress: 2);
        for (var i = 0; i < 2; i++)
        {
            using var failed = await gateway.Client.PostLoginAsync(Names.Unique(), WrongPassword);
        }

        using var spoofing = gateway.CreateClient();
        spoofing.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.99");
        using var response = await spoofing.PostLoginAsync(Names.Unique(), WrongPassword);

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
    }

    [Fact]
    public async Task Parallel_guesses_cannot_exceed_the_budget()
    {
        await using var gateway = await StartAsync(perAccount: 3, perAddress: 1000);
        var username = Names.Unique();
        await gateway.Client.SignUpAsync(username);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => gateway.Client.PostLoginAsync(username, WrongPassword)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.Unauthorized) <= 3, $"more than 3 guesses were checked: {string.Join(", ", statuses)}");
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
    }

    [Fact]
    public async Task A_successful_login_clears_the_accounts_failures()
    {
        await using var gateway = await StartAsync(perAccount: 3, perAddress: 100);
        var username = Names.Unique();
        await gateway.Client.SignUpAsync(username);
        for (var i = 0; i < 2; i++)
        {
            using var failed = await gateway.Client.PostLoginAsync(username, WrongPassword);
        }

        await gateway.Client.LogInAsync(username);

        for (var i = 0; i < 3; i++)
        {
            using var failed = await gateway.Client.PostLoginAsync(username, WrongPassword);
            await failed.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }
    }

    [Fact]
    public async Task Signups_and_guest_logins_per_address_are_limited()
    {
        await using var gateway = await StartAsync(perAccount: 100, perAddress: 100, s => s.Configuration["Gateway:Auth:Throttle:MaxSignupsPerAddress"] = "2");
        await gateway.Client.SignUpAsync(Names.Unique());
        await gateway.Client.StartGuestAsync();

        using var signup = await gateway.Client.PostSignupAsync(Names.Unique(), Names.Password);
        using var guest = await gateway.Client.PostAsJsonAsync("/api/auth/guest", new { });

        await signup.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
        await guest.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
        Assert.NotNull(signup.Headers.RetryAfter);
    }

    [Fact]
    public async Task Attempts_are_counted_across_replicas()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        static void Limits(GatewayHostSettings s) => s.Configuration["Gateway:Auth:Throttle:MaxFailuresPerAccount"] = "2";
        await using var a = await GatewayHost.StartAsync(connectionString, Limits);
        await using var b = await GatewayHost.StartAsync(connectionString, Limits);
        var username = Names.Unique();
        await a.Client.SignUpAsync(username);

        using var first = await a.Client.PostLoginAsync(username, WrongPassword);
        using var second = await b.Client.PostLoginAsync(username, WrongPassword);
        using var third = await a.Client.PostLoginAsync(username, WrongPassword);

        await third.AssertProblemAsync(HttpStatusCode.TooManyRequests, "auth.throttled");
    }

    private async Task<GatewayHost> StartAsync(int perAccount, int perAddress, Action<GatewayHostSettings>? more = null) =>
        await GatewayHost.StartAsync(await postgres.CreateDatabaseAsync(), s =>
        {
            s.Configuration["Gateway:Auth:Throttle:MaxFailuresPerAccount"] = perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s.Configuration["Gateway:Auth:Throttle:MaxFailuresPerAddress"] = perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
            more?.Invoke(s);
        });
}
