using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>Ready when the signing keys are loaded and the revocation cache is fresh (tokens can be issued and trusted).</summary>
internal sealed class AuthReadinessCheck(SigningKeyRing ring, SessionRevocationCache revocations) : IReadinessCheck
{
    public string Name => "auth";

    public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(
        !ring.IsLoaded ? ReadinessResult.NotReady("signing keys not loaded")
        : !revocations.IsFresh ? ReadinessResult.NotReady("revoked sessions could not be read from PostgreSQL recently")
        : ReadinessResult.Ready);
}
