using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Registers the transport's services.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the connection listener, the dialing connection manager and validated
    /// <see cref="MessagingOptions"/> (checked when the host starts). The runtime registers the
    /// local peer identity and the message handler.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, Action<MessagingOptions>? configure = null)
    {
        var options = services.AddOptions<MessagingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static sp => new MessageFrameCodec(sp.GetRequiredService<IOptions<MessagingOptions>>().Value.MaxFrameSize));
        services.TryAddSingleton<ConnectionRegistry>();
        services.TryAddSingleton<ConnectionListener>();
        services.TryAddSingleton<ConnectionManager>();
        return services;
    }
}
