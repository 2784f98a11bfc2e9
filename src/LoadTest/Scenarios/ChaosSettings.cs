using OrleansChat.LoadTest.Persistence;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>Which silo to kill and when, and where to check afterwards that acknowledged messages are stored exactly once.</summary>
/// <param name="SiloPid">Process id of a silo started by <c>./run.sh</c>.</param>
/// <param name="KillAfter">Time into the measurement window.</param>
/// <param name="Force">Kill even if the process does not look like an OrleansChat silo.</param>
/// <param name="Postgres">Npgsql connection string of the cluster's database (null: no store check).</param>
/// <param name="Table">Where and how messages are stored.</param>
internal sealed record ChaosSettings(int SiloPid, TimeSpan KillAfter, bool Force, string? Postgres, MessageTableOptions Table);
