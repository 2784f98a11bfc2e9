using System.Text;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Tests.Protocol;

/// <summary>Keeps every record a framer hands out, as text.</summary>
internal sealed class RecordCollector : IRecordSink
{
    public List<string> Records { get; } = [];

    public void OnRecord(ReadOnlySpan<byte> record) => Records.Add(Encoding.UTF8.GetString(record));
}
