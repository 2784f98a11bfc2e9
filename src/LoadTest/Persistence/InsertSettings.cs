namespace OrleansChat.LoadTest.Persistence;

/// <summary>The INSERT baseline: how many writers, rows per statement, and how long each variant runs.</summary>
internal sealed record InsertSettings(string ConnectionString, int Writers, int BatchRows, TimeSpan BatchedDuration, TimeSpan SingleRowDuration, int TextBytes);
