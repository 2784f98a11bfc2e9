namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Told once per replica about every session revocation, within about a second of the revoking
/// commit on any replica (LISTEN/NOTIFY) and at worst within one poll interval. The SignalR layer
/// implements it to close the connections authenticated by that session. Register with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ISessionRevokedHandler, T&gt;())</c>.
/// Called sequentially on the revocation monitor's loop: return quickly (abort connections, do
/// not await them draining). Exceptions are logged and do not stop other handlers.
/// </summary>
public interface ISessionRevokedHandler
{
    ValueTask OnSessionRevokedAsync(SessionRevoked revoked, CancellationToken cancellationToken);
}
