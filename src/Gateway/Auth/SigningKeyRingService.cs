using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Loads the key ring before the server accepts requests (in <see cref="StartAsync"/>, which runs
/// after the schema migration and before Kestrel starts), then reloads and rotates it periodically.
/// </summary>
internal sealed partial class SigningKeyRingService(
    SigningKeyRing ring, IOptions<GatewayAuthOptions> options, TimeProvider timeProvider, ILogger<SigningKeyRingService> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ring.InitializeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.KeyRingRefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, timeProvider, stoppingToken);
                await ring.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Keep the loaded keys: they keep verifying and signing until their windows end.
                LogRefreshFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Reloading the signing key ring failed; keeping the loaded keys")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
