using OrleansChat.LoadTest.Client;

namespace OrleansChat.LoadTest.Tests.Client;

public sealed class SequenceTrackerTests
{
    [Fact]
    public void Messages_in_order_after_the_start_are_all_received_and_nothing_is_missing()
    {
        var tracker = new SequenceTracker();
        tracker.SetStart(10);
        foreach (var seq in new long[] { 11, 12, 13 })
        {
            Assert.Equal(DeliveryOutcome.InOrder, tracker.Observe(seq, seamOpen: false));
        }

        Assert.Equal((13L, 3L, 0L, 0L), (tracker.Contiguous, tracker.Received, tracker.Duplicates, tracker.OutOfOrder));
        Assert.Equal(0, tracker.MissingUpTo(13));
        Assert.Equal(2, tracker.MissingUpTo(15));
    }

    [Fact]
    public void A_repeated_message_is_a_duplicate_and_an_overtaking_one_is_out_of_order()
    {
        var tracker = new SequenceTracker();
        tracker.SetStart(0);
        tracker.Observe(1, seamOpen: false);

        Assert.Equal(DeliveryOutcome.Duplicate, tracker.Observe(1, seamOpen: false));
        Assert.Equal(DeliveryOutcome.Ahead, tracker.Observe(3, seamOpen: false));
        Assert.Equal(DeliveryOutcome.Duplicate, tracker.Observe(3, seamOpen: false));
        Assert.Equal(1, tracker.MissingUpTo(3));
        Assert.Equal(DeliveryOutcome.InOrder, tracker.Observe(2, seamOpen: false));

        Assert.Equal((3L, 3L, 2L, 1L), (tracker.Contiguous, tracker.Received, tracker.Duplicates, tracker.OutOfOrder));
        Assert.Equal(0, tracker.MissingUpTo(3));
    }

    [Fact]
    public void Live_messages_that_race_a_fresh_subscribe_are_judged_once_the_start_is_known()
    {
        var tracker = new SequenceTracker();
        Assert.Equal(DeliveryOutcome.Buffered, tracker.Observe(8, seamOpen: true));
        Assert.Equal(DeliveryOutcome.Buffered, tracker.Observe(7, seamOpen: true));

        tracker.SetStart(6);

        Assert.Equal((8L, 2L, 0L), (tracker.Contiguous, tracker.Received, tracker.Duplicates));
    }

    [Fact]
    public void A_live_message_at_or_before_the_start_of_a_fresh_subscribe_breaks_the_seam()
    {
        var tracker = new SequenceTracker();
        tracker.Observe(5, seamOpen: true);

        tracker.SetStart(5);

        Assert.Equal((5L, 0L, 1L), (tracker.Contiguous, tracker.Received, tracker.Duplicates));
    }

    [Fact]
    public void Catch_up_after_a_reconnect_fills_the_gap_and_live_messages_that_overtook_it_are_not_out_of_order()
    {
        var tracker = new SequenceTracker();
        tracker.SetStart(0);
        tracker.Observe(1, seamOpen: false);
        tracker.Observe(2, seamOpen: false);
        // Reconnected with lastSeenSeq 2; a live message overtakes the catch-up list.
        Assert.Equal(DeliveryOutcome.Ahead, tracker.Observe(6, seamOpen: true));
        tracker.BeginCatchUp();
        foreach (var seq in new long[] { 3, 4, 5 })
        {
            tracker.ObserveCatchUp(seq);
        }

        Assert.Equal((6L, 6L, 0L, 0L), (tracker.Contiguous, tracker.Received, tracker.Duplicates, tracker.OutOfOrder));
    }

    [Fact]
    public void A_catch_up_list_repeating_a_message_that_arrived_ahead_of_a_gap_is_not_a_duplicate()
    {
        var tracker = new SequenceTracker();
        tracker.SetStart(0);
        tracker.Observe(1, seamOpen: false);
        tracker.Observe(3, seamOpen: false);

        // Reconnected with lastSeenSeq 1: the list holds 2 and 3 again.
        tracker.BeginCatchUp();
        Assert.Equal(DeliveryOutcome.InOrder, tracker.ObserveCatchUp(2));
        Assert.Equal(DeliveryOutcome.Replayed, tracker.ObserveCatchUp(3));
        Assert.Equal(DeliveryOutcome.Duplicate, tracker.ObserveCatchUp(3));
        Assert.Equal((3L, 3L, 1L), (tracker.Contiguous, tracker.Received, tracker.Duplicates));
    }

    [Fact]
    public void The_start_can_be_set_only_once() =>
        Assert.Throws<InvalidOperationException>(() =>
        {
            var tracker = new SequenceTracker();
            tracker.SetStart(1);
            tracker.SetStart(2);
        });
}
