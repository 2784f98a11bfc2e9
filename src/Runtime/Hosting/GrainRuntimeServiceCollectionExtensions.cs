using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Observers;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Registers the grain runtime in a host.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo's grain runtime: catalog, scheduler, idle collection, grain factory and the
    /// local call path. Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<GrainRuntimeOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GrainClassRegistry(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GrainRuntimeOptions>>()));
        services.TryAddSingleton<ActivationServices>();
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<LocalGrainCallInvoker>();
        services.TryAddSingleton<GrainCallRouter>();
        services.TryAddSingleton<IGrainCallInvoker>(sp => sp.GetRequiredService<GrainCallRouter>());
        services.TryAddSingleton(_ => new LocalHost("local"));
        services.TryAddSingleton<ObserverRegistry>();
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.TryAddSingleton<ActivationCollector>();
        services.TryAddSingleton<Streams.StreamNode>();
        services.TryAddSingleton<Streams.IStreamProvider, Streams.StreamProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<Streams.StreamNode>());
        services.TryAddSingleton(sp => new SiloStatistics(sp.GetRequiredService<Catalog>()));
        services.AddHostedService(sp => sp.GetRequiredService<ActivationCollector>());
        services.AddHostedService<GrainRuntimeLifetime>();
        return services;
    }
}
