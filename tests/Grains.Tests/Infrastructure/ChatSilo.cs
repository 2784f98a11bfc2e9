using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Directory;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo hosting the chat grains on a real PostgreSQL database, driven by a manual
/// clock. Idle collection and call timeouts are pushed far out so that moving the clock for a ban
/// or a mute never collects grains or times out calls by accident.
/// </summary>
public sealed class ChatSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private ChatSilo(IHost host, ManualTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public NpgsqlDataSource Database => _host.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<ChatSilo> StartAsync(
        string connectionString,
        ManualTimeProvider? time = null,
        Action<ChatOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        time ??= new ManualTimeProvider();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddGrainRuntime(options =>
        {
            options.GrainAssemblies.Add(typeof(ChatSilo).Assembly);
            options.CollectionAge = TimeSpan.FromDays(1);
            options.CollectionQuantum = TimeSpan.FromHours(1);
            options.ResponseTimeout = TimeSpan.FromHours(1);
        });
        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.Services.AddChatGrains(configure);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ChatSilo(host, time);
    }

    public IRoomGrain Room(string roomId) => Grains.GetGrain<IRoomGrain>(roomId);

    public IUserGrain User(string userId) => Grains.GetGrain<IUserGrain>(userId);

    public IDirectMessageGrain Direct(string userId, string otherUserId) => Grains.GetGrain<IDirectMessageGrain>(DirectThreadKey.For(userId, otherUserId));

    public IChatDirectoryGrain Directory => Grains.GetGrain<IChatDirectoryGrain>(ChatDirectory.Key);

    public IRecordingObserver Observer(string name) => Grains.GetGrain<IRecordingObserver>(name);

    internal IConversationDiagnostics RoomDiagnostics(string roomId) => Grains.GetGrain<IConversationDiagnostics>(new GrainId("room", roomId));

    internal IConversationDiagnostics DirectDiagnostics(string userId, string otherUserId) =>
        Grains.GetGrain<IConversationDiagnostics>(new GrainId("dm", DirectThreadKey.For(userId, otherUserId)));

    /// <summary>
    /// Live activations of a grain type (to show that a fan-out touched no member grains). The catalog is
    /// internal to the runtime, so it is read by reflection rather than by widening the runtime's API for a test.
    /// </summary>
    internal int ActivationCount(string grainType)
    {
        var catalogType = typeof(IGrainFactory).Assembly.GetType("OrleansChat.Runtime.Activation.Catalog", throwOnError: true)!;
        var catalog = _host.Services.GetRequiredService(catalogType);
        var activations = (System.Collections.IEnumerable)catalogType.GetProperty("Activations")!.GetValue(catalog)!;
        var count = 0;
        foreach (var activation in activations)
        {
            var grainId = (GrainId)activation.GetType().GetProperty("GrainId")!.GetValue(activation)!;
            if (grainId.Type == grainType)
            {
                count++;
            }
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
