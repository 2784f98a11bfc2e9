namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>
/// One database and one gateway shared by a test class (tests use unique usernames). Classes that
/// need other settings derive and override <see cref="Configure"/>.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    private GatewayHost? _gateway;

    public PostgresFixture Postgres { get; } = new();

    public GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("The gateway has not started.");

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        _gateway = await GatewayHost.StartAsync(Postgres.ConnectionString, Configure);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }

    protected virtual void Configure(GatewayHostSettings settings)
    {
    }
}
