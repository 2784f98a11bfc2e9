using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>Sends log lines to the test's output, so a failing test shows what the transport did.</summary>
internal sealed class XunitLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new XunitLogger(output, categoryName);

    public void Dispose()
    {
    }

    public static ILoggerFactory CreateFactory(ITestOutputHelper output) =>
        LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new XunitLoggerProvider(output)));

    private sealed class XunitLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            try
            {
                output.WriteLine($"{logLevel,-11} {shortCategory}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; late lines from background loops have nowhere to go.
            }
        }
    }
}
