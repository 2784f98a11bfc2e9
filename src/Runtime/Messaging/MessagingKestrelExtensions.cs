using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Puts the messaging endpoint on Kestrel.</summary>
public static class MessagingKestrelExtensions
{
    /// <summary>
    /// Accepts silo and client connections on <paramref name="endpoint"/> (port 0 picks a free port;
    /// the bound address appears in the server's <c>IServerAddressesFeature</c>). Requires
    /// <see cref="MessagingServiceCollectionExtensions.AddMessaging"/>.
    /// </summary>
    public static KestrelServerOptions ListenForMessaging(this KestrelServerOptions options, IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options.Listen(endpoint, listen => listen.UseConnectionHandler<ConnectionListener>());
        return options;
    }
}
