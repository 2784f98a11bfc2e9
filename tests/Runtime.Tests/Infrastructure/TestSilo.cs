using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Runtime.Tests.Infrastructure;

/// <summary>A single in-process silo hosting the test project's grains.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host)
    {
        _host = host;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    internal Catalog Catalog => _host.Services.GetRequiredService<Catalog>();

    internal ActivationCollector Collector => _host.Services.GetRequiredService<ActivationCollector>();

    public static async Task<TestSilo> StartAsync(Action<GrainRuntimeOptions>? configure = null, TimeProvider? timeProvider = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddGrainRuntime(options =>
        {
            options.GrainAssemblies.Add(typeof(TestSilo).Assembly);
            configure?.Invoke(options);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
