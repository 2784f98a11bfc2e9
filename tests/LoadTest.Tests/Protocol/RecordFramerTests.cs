using System.Text;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Tests.Protocol;

public sealed class RecordFramerTests
{
    private const char Rs = '\u001e';

    [Fact]
    public void A_record_split_across_many_reads_is_reassembled()
    {
        var framer = new RecordFramer(1 << 16);
        var sink = new RecordCollector();
        var bytes = Bytes($"{{\"type\":1,\"target\":\"MessagePosted\",\"arguments\":[{{\"seq\":1}}]}}{Rs}");

        // One byte per read: the worst split there is.
        foreach (var b in bytes)
        {
            framer.Feed([b], sink);
        }

        Assert.Equal(["{\"type\":1,\"target\":\"MessagePosted\",\"arguments\":[{\"seq\":1}]}"], sink.Records);
        Assert.Equal(0, framer.PendingBytes);
    }

    [Fact]
    public void Several_records_coalesced_in_one_read_are_all_handed_out_in_order()
    {
        var framer = new RecordFramer(1 << 16);
        var sink = new RecordCollector();

        var count = framer.Feed(Bytes($"{{}}{Rs}{{\"type\":6}}{Rs}{{\"type\":3,\"invocationId\":\"1\"}}{Rs}"), sink);

        Assert.Equal(3, count);
        Assert.Equal(["{}", "{\"type\":6}", "{\"type\":3,\"invocationId\":\"1\"}"], sink.Records);
    }

    [Fact]
    public void Coalesced_and_split_records_mix_across_reads()
    {
        var framer = new RecordFramer(1 << 16);
        var sink = new RecordCollector();
        var stream = Bytes($"{{\"a\":1}}{Rs}{{\"b\":22}}{Rs}{{\"c\":333}}{Rs}{{\"d\":4444}}{Rs}");

        // Reads of 5 bytes: every record ends in a different place relative to the reads.
        foreach (var chunk in stream.Chunk(5))
        {
            framer.Feed(chunk, sink);
        }

        Assert.Equal(["{\"a\":1}", "{\"b\":22}", "{\"c\":333}", "{\"d\":4444}"], sink.Records);
    }

    [Fact]
    public void A_tail_without_a_separator_waits_for_the_next_read()
    {
        var framer = new RecordFramer(1 << 16);
        var sink = new RecordCollector();

        framer.Feed(Bytes($"{{\"x\":1}}{Rs}{{\"y\""), sink);
        Assert.Single(sink.Records);
        Assert.Equal(4, framer.PendingBytes);

        framer.Feed(Bytes($":2}}{Rs}"), sink);
        Assert.Equal(["{\"x\":1}", "{\"y\":2}"], sink.Records);
    }

    [Fact]
    public void Empty_records_are_skipped()
    {
        var framer = new RecordFramer(1 << 16);
        var sink = new RecordCollector();

        framer.Feed(Bytes($"{Rs}{Rs}{{}}{Rs}{Rs}"), sink);

        Assert.Equal(["{}"], sink.Records);
    }

    [Fact]
    public void A_record_growing_past_the_limit_is_refused_and_forgotten()
    {
        var framer = new RecordFramer(16);
        var sink = new RecordCollector();

        framer.Feed(Bytes("0123456789"), sink);
        Assert.Throws<InvalidDataException>(() => framer.Feed(Bytes("0123456789"), sink));
        Assert.Equal(0, framer.PendingBytes);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
