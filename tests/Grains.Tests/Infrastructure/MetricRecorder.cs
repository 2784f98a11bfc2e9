using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>Records the measurements of one instrument of one silo (other silos in the process share the meter name).</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<long> _values = new();

    public MetricRecorder(ChatSilo silo, string instrumentName)
    {
        var factory = silo.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == instrumentName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => _values.Enqueue(value));
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => _values.Enqueue(value));
        _listener.Start();
    }

    public IReadOnlyList<long> Values => [.. _values];

    public void Dispose() => _listener.Dispose();
}
