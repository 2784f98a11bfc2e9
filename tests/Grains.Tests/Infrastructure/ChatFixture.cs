namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>
/// A fresh database and a started silo for one test class. Tests own their data through unique
/// ids (<see cref="Ids"/>); tests that need other settings start their own silo on the same database.
/// </summary>
public sealed class ChatFixture : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();

    public ChatSilo Silo { get; private set; } = null!;

    public string ConnectionString => _postgres.ConnectionString;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Silo = await ChatSilo.StartAsync(_postgres.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }
}
