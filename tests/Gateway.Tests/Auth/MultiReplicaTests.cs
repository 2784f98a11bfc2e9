using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Auth;

/// <summary>Two gateway replicas sharing one database, as behind a load balancer.</summary>
public sealed class MultiReplicaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan PropagationLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_token_issued_by_one_replica_is_accepted_by_the_other()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var a = await GatewayHost.StartAsync(connectionString);
        await using var b = await GatewayHost.StartAsync(connectionString);

        var tokens = await a.Client.SignUpAsync(Names.Unique());

        var me = await b.Client.GetMeOkAsync(tokens.AccessToken);
        Assert.Equal(tokens.User.UserId, me.UserId);
        var refreshedOnB = await b.Client.RefreshAsync(tokens.RefreshToken);
        await a.Client.GetMeOkAsync(refreshedOnB.AccessToken);
        Assert.Equal(new JsonWebToken(tokens.AccessToken).Kid, new JsonWebToken(refreshedOnB.AccessToken).Kid);
    }

    [Fact]
    public async Task Logout_on_one_replica_is_refused_by_the_other_within_seconds_and_announced_there()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var a = await GatewayHost.StartAsync(connectionString);
        var revokedOnB = new RecordingRevokedHandler();
        await using var b = await GatewayHost.StartAsync(connectionString, s => s.Services.Add(services =>
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionRevokedHandler>(revokedOnB))));
        var tokens = await a.Client.SignUpAsync(Names.Unique());
        var sessionId = (await b.Client.GetMeOkAsync(tokens.AccessToken)).SessionId;

        using var logout = await a.Client.LogOutAsync(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await Wait.Until(
            async () =>
            {
                using var me = await b.Client.GetMeAsync(tokens.AccessToken);
                return me.StatusCode == HttpStatusCode.Unauthorized;
            },
            "replica B refuses the token logged out on replica A",
            PropagationLimit);
        using var refused = await b.Client.GetMeAsync(tokens.AccessToken);
        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
        await Wait.Until(() => revokedOnB.Received.Any(r => r.SessionId == sessionId), "replica B announces SessionRevoked", PropagationLimit);
        Assert.Equal(tokens.User.UserId, revokedOnB.Received.Single(r => r.SessionId == sessionId).UserId);
    }

    [Fact]
    public async Task Without_notifications_polling_alone_propagates_a_logout()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        static void PollOnly(GatewayHostSettings s)
        {
            s.Configuration["Gateway:Auth:RevocationNotifications"] = "false";
            s.Configuration["Gateway:Auth:RevocationPollInterval"] = "00:00:00.200";
        }

        await using var a = await GatewayHost.StartAsync(connectionString, PollOnly);
        await using var b = await GatewayHost.StartAsync(connectionString, PollOnly);
        var tokens = await a.Client.SignUpAsync(Names.Unique());
        await b.Client.GetMeOkAsync(tokens.AccessToken);

        using var logout = await a.Client.LogOutAsync(tokens.AccessToken);

        await Wait.Until(
            async () =>
            {
                using var me = await b.Client.GetMeAsync(tokens.AccessToken);
                return me.StatusCode == HttpStatusCode.Unauthorized;
            },
            "replica B, polling only, refuses the token logged out on replica A",
            PropagationLimit);
    }

    [Fact]
    public async Task A_replica_that_starts_after_a_logout_refuses_the_revoked_token_from_its_first_request()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var a = await GatewayHost.StartAsync(connectionString);
        var tokens = await a.Client.SignUpAsync(Names.Unique());
        using var logout = await a.Client.LogOutAsync(tokens.AccessToken);

        await using var b = await GatewayHost.StartAsync(connectionString);

        using var me = await b.Client.GetMeAsync(tokens.AccessToken);
        await me.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.session_revoked");
    }

    [Fact]
    public async Task A_replica_configured_with_a_different_signing_secret_refuses_to_start()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var a = await GatewayHost.StartAsync(connectionString);

        var failure = await Assert.ThrowsAsync<SigningKeyUnavailableException>(() => GatewayHost.StartAsync(connectionString, s =>
            s.Configuration["Gateway:Auth:SigningSecret"] = "a-different-secret-of-sufficient-length-000"));

        Assert.Contains("same secret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-different-secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotated_keys_keep_verifying_the_tokens_they_signed()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var clock = new OffsetTimeProvider();
        void Rotating(GatewayHostSettings s)
        {
            s.TimeProvider = clock;
            s.Configuration["Gateway:Auth:SigningKeyLifetime"] = "01:00:00";
            s.Configuration["Gateway:Auth:AccessTokenLifetime"] = "01:00:00";
            s.Configuration["Gateway:Auth:KeyRingRefreshInterval"] = "00:00:00.200";
        }

        await using var a = await GatewayHost.StartAsync(connectionString, Rotating);
        await using var b = await GatewayHost.StartAsync(connectionString, Rotating);
        var before = await a.Client.SignUpAsync(Names.Unique());
        var firstKey = new JsonWebToken(before.AccessToken).Kid;

        // Into the last tenth of the key's signing period: a replica creates the next key, which
        // activates after every replica has had time to load it.
        clock.Advance(TimeSpan.FromMinutes(55));
        await Wait.Until(
            async () => (await a.Services.GetRequiredService<SigningKeyRing>().GetSigningKeyAsync(CancellationToken.None)).KeyId != firstKey,
            "replica A signs with a rotated key",
            TimeSpan.FromSeconds(15));

        var after = await a.Client.LogInAsync(before.User.Username);
        Assert.NotEqual(firstKey, new JsonWebToken(after.AccessToken).Kid);
        await b.Client.GetMeOkAsync(after.AccessToken);
        await b.Client.GetMeOkAsync(before.AccessToken);
        await a.Client.GetMeOkAsync(before.AccessToken);
    }

    private sealed class RecordingRevokedHandler : ISessionRevokedHandler
    {
        private readonly ConcurrentQueue<SessionRevoked> _received = new();

        public IReadOnlyCollection<SessionRevoked> Received => _received;

        public ValueTask OnSessionRevokedAsync(SessionRevoked revoked, CancellationToken cancellationToken)
        {
            _received.Enqueue(revoked);
            return ValueTask.CompletedTask;
        }
    }
}
