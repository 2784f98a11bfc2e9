using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Runtime.Tests.Infrastructure;

/// <summary>A started generic host with the PostgreSQL registrations, as a silo would have them.</summary>
internal static class StorageHost
{
    public static IHost Build(string connectionString, Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddOrleansChatPostgres(connectionString);
        configure(builder.Services);
        return builder.Build();
    }

    public static async Task<IHost> StartAsync(string connectionString, Action<IServiceCollection> configure)
    {
        var host = Build(connectionString, configure);
        await host.StartAsync();
        return host;
    }
}
