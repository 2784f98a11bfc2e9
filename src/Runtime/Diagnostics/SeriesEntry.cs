namespace OrleansChat.Runtime.Diagnostics;

/// <summary>One series of a stream at scrape time: its rendered labels and its state.</summary>
internal readonly record struct SeriesEntry(string Labels, MetricStream Stream, object Series);
