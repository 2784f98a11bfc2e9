using System.Buffers;

namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>Multi-segment sequences, as a pipe hands over data that arrived in several reads.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Create(byte[] data, int[] splitAt)
    {
        var bounds = splitAt.Append(data.Length).ToArray();
        var first = new Segment(data.AsMemory(0, bounds[0]), 0);
        var last = first;
        for (var i = 1; i < bounds.Length; i++)
        {
            last = last.Append(data.AsMemory(bounds[i - 1], bounds[i] - bounds[i - 1]));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
