using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>Writes log lines to the test's output, so a failing test shows what the protocol did.</summary>
public sealed class TestOutputLogger<T>(ITestOutputHelper? output, string prefix) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => output is not null && logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        try
        {
            var error = exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})";
            output!.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {prefix} {logLevel}: {formatter(state, exception)}{error}");
        }
        catch (InvalidOperationException)
        {
            // Output after the test ended is dropped.
        }
    }
}
