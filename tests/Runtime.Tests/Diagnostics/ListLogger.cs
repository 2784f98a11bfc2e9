using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Tests.Diagnostics;

/// <summary>A logger that keeps what was logged, for tests that assert a warning was given.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<(EventId EventId, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(EventId EventId, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((eventId, logLevel, formatter(state, exception)));
        }
    }
}
