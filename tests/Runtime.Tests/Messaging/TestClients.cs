using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Messaging;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>Builds the dialing side the way the runtime will, without a host.</summary>
internal static class TestClients
{
    public static ConnectionManager CreateManager(
        ITestOutputHelper output, string clusterId, IMessageHandler handler, Action<MessagingOptions>? configure = null, string? clientId = null)
    {
        var options = new MessagingOptions { ClusterId = clusterId };
        configure?.Invoke(options);
        return new ConnectionManager(
            Options.Create(options),
            PeerIdentity.ForClient(clientId ?? "client-" + Guid.NewGuid().ToString("N")),
            handler,
            new MessageFrameCodec(options.MaxFrameSize),
            TimeProvider.System,
            XunitLoggerProvider.CreateFactory(output));
    }

    public static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N");
}
