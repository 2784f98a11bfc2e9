namespace OrleansChat.LoadTest.Scenarios;

/// <summary>A connection soak: how many idle connections, for how long, and whose memory to watch.</summary>
/// <param name="Connections">Idle connections to open and hold.</param>
/// <param name="Rooms">Rooms the connections are spread over (each subscribes to one), or 0 for plain connections.</param>
/// <param name="Settle">Pause after connecting before memory is read.</param>
/// <param name="Hold">How long the connections are held (keep-alive pings only) after that.</param>
/// <param name="ServerPid">The gateway's (or baseline hub's) process id, for its resident memory.</param>
/// <param name="Warmup">Connections opened (after signing in) and closed again before the server's memory is first read, or 0.</param>
internal sealed record SoakSettings(int Connections, int Rooms, TimeSpan Settle, TimeSpan Hold, int? ServerPid, int Warmup = 0);
