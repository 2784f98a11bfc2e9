using System.Collections.Concurrent;

namespace OrleansChat.Runtime.Messaging;

/// <summary>The connections peers opened to this process, for lookups (send to a client) and shutdown.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(Connection connection) => _connections[connection.Id] = connection;

    public void Remove(Connection connection) =>
        _connections.TryRemove(new KeyValuePair<string, Connection>(connection.Id, connection));

    /// <summary>An open connection from the peer with identity <paramref name="peerId"/>, if any.</summary>
    public Connection? FindByPeer(string peerId)
    {
        foreach (var connection in _connections.Values)
        {
            if (!connection.IsClosed && string.Equals(connection.RemoteIdentity.Id, peerId, StringComparison.Ordinal))
            {
                return connection;
            }
        }

        return null;
    }

    public IReadOnlyCollection<Connection> Snapshot() => [.. _connections.Values];
}
