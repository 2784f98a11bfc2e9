using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Runtime.Activation;

/// <summary>What every activation shares, gathered once so each activation holds one reference.</summary>
internal sealed class ActivationServices(
    IOptions<GrainRuntimeOptions> options,
    TimeProvider timeProvider,
    IServiceProvider serviceProvider,
    ILogger<ActivationData> logger)
{
    private Catalog? _catalog;
    private IGrainFactory? _grainFactory;

    public GrainRuntimeOptions Options { get; } = options.Value;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public IServiceProvider ServiceProvider { get; } = serviceProvider;

    public ILogger Logger { get; } = logger;

    // Resolved lazily: the catalog and the factory depend on these services in turn.
    public Catalog Catalog => _catalog ??= (Catalog)ServiceProvider.GetService(typeof(Catalog))!;

    public IGrainFactory GrainFactory => _grainFactory ??= (IGrainFactory)ServiceProvider.GetService(typeof(IGrainFactory))!;
}
