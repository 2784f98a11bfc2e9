using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Storage;

namespace OrleansChat.Grains.Hosting;

/// <summary>Registers the chat grains in a silo.</summary>
public static class ChatGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the chat grains (users, rooms, DM threads, directory), their PostgreSQL tables (as schema
    /// migrations) and services. Needs <c>AddOrleansChatPostgres</c> (the database) and
    /// <c>AddGrainRuntime</c>; the grain assembly is added to <see cref="GrainRuntimeOptions.GrainAssemblies"/>.
    /// <see cref="ChatOptions"/> are validated when the host starts; bind configuration with
    /// <c>services.AddOptions&lt;ChatOptions&gt;().BindConfiguration(ChatOptions.SectionName)</c> if wanted.
    /// </summary>
    public static IServiceCollection AddChatGrains(this IServiceCollection services, Action<ChatOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ChatOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatOptions>, ChatOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, ChatMigrations>());
        services.Configure<GrainRuntimeOptions>(runtime =>
        {
            if (!runtime.GrainAssemblies.Contains(typeof(ChatGrainsServiceCollectionExtensions).Assembly))
            {
                runtime.GrainAssemblies.Add(typeof(ChatGrainsServiceCollectionExtensions).Assembly);
            }
        });

        services.AddMetrics();
        services.TryAddSingleton<ChatMetrics>();
        services.TryAddSingleton<ChatDatabase>();
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<MessageAppendWriter>();
        services.TryAddSingleton<IMessageStore, PostgresMessageStore>();
        services.TryAddSingleton<RoomStore>();
        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<RelationshipStore>();
        services.TryAddSingleton<GameInviteStore>();
        services.TryAddSingleton<NotificationStore>();
        services.TryAddSingleton<DirectThreadStore>();
        services.TryAddSingleton<WordFilter>();
        services.TryAddSingleton<RoomPasswordHasher>();
        services.TryAddSingleton<ConversationServices>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChatOptionsLogger>());
        return services;
    }
}
