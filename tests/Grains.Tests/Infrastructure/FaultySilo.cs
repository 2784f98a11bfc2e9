using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>Starts a silo whose message store can fail or hold appends.</summary>
internal static class FaultySilo
{
    public static async Task<(ChatSilo Silo, FaultyMessageStore Store)> StartAsync(string connectionString, Action<ChatOptions>? configure = null)
    {
        var silo = await ChatSilo.StartAsync(connectionString, configure: configure, services: services =>
            services.AddSingleton<IMessageStore>(sp => new FaultyMessageStore(ActivatorUtilities.CreateInstance<PostgresMessageStore>(sp))));
        return (silo, (FaultyMessageStore)silo.Services.GetRequiredService<IMessageStore>());
    }
}
