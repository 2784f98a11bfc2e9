namespace OrleansChat.LoadTest.Scenarios;

/// <summary>A reconnect storm.</summary>
/// <param name="Members">Members dropped at once and reconnected.</param>
/// <param name="Writers">Members who stay connected and keep posting.</param>
/// <param name="SendsPerSecond">Posting rate before, during and after the outage.</param>
/// <param name="Warmup">Normal traffic before the drop.</param>
/// <param name="Outage">How long the members stay away (their missed messages pile up).</param>
/// <param name="RecoverTimeout">Longest wait for everyone to be back and caught up.</param>
internal sealed record StormSettings(int Members, int Writers, double SendsPerSecond, TimeSpan Warmup, TimeSpan Outage, TimeSpan RecoverTimeout);
