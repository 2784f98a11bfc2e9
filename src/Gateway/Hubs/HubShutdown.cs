using OrleansChat.Gateway.Hubs.Fanout;

namespace OrleansChat.Gateway.Hubs;

/// <summary>On shutdown, ends this gateway's grain subscriptions instead of leaving them to expire.</summary>
internal sealed class HubShutdown(ConversationFeeds feeds, UserFeeds users) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(feeds.StopAllAsync(), users.StopAllAsync()).WaitAsync(cancellationToken);
}
