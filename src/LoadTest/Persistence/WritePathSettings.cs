namespace OrleansChat.LoadTest.Persistence;

/// <summary>
/// The write-path run: which cluster to join (its membership database and cluster id), how many
/// rooms to post into, how many posts are in flight at once, and for how long.
/// </summary>
internal sealed record WritePathSettings(
    string ConnectionString,
    string ClusterId,
    int Silos,
    int Rooms,
    int InFlight,
    TimeSpan Warmup,
    TimeSpan Duration,
    int TextBytes);
