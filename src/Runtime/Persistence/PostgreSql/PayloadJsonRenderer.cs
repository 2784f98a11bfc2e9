using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Persistence.PostgreSql;

/// <summary>
/// Renders state as JSON for the <c>payload_json</c> column: a read-only view for operators
/// (psql, dashboards). It is never read back; the binary payload is authoritative, because JSON
/// of an arbitrary type is not round-trip safe (no grain references, no polymorphism, no
/// version-tolerant field ids) and two sources of truth would drift. So a state that cannot be
/// rendered gets NULL here and the write still succeeds.
/// </summary>
internal sealed partial class PayloadJsonRenderer(ILogger logger)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    // Types System.Text.Json refuses outright; remembered so each write does not pay for a thrown exception.
    private readonly ConcurrentDictionary<Type, bool> _unsupportedTypes = new();

    public string? Render<T>(T state)
    {
        if (state is null || _unsupportedTypes.ContainsKey(typeof(T)))
        {
            return null;
        }

        string json;
        try
        {
            json = JsonSerializer.Serialize(state, Options);
        }
        catch (NotSupportedException ex)
        {
            if (_unsupportedTypes.TryAdd(typeof(T), true))
            {
                LogTypeNotRenderable(logger, typeof(T).FullName, ex.Message);
            }

            return null;
        }
        catch (Exception ex)
        {
            // Value-dependent failures (a cycle, NaN, a throwing getter): skip this write's view only.
            LogValueNotRenderable(logger, typeof(T).FullName, ex.Message);
            return null;
        }

        // jsonb rejects the \u0000 escape that System.Text.Json writes for NUL characters.
        return json.Contains("\\u0000", StringComparison.Ordinal) ? null : json;
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "State type {StateType} cannot be rendered as JSON; payload_json stays NULL for it ({Reason})")]
    private static partial void LogTypeNotRenderable(ILogger logger, string? stateType, string reason);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Debug, Message = "A value of state type {StateType} could not be rendered as JSON; payload_json is NULL for this write ({Reason})")]
    private static partial void LogValueNotRenderable(ILogger logger, string? stateType, string reason);
}
