using System.Diagnostics;
using System.Text.Json;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Client;

/// <summary>
/// A <c>Subscribe</c> in flight. Its result (<c>{ conversationId, missed, latestSeq, hasMore }</c>) is
/// applied to the subscription's tracker on the receive loop, in the same order as the live events
/// around it, so the seam between catch-up and live delivery is checked exactly.
/// </summary>
internal sealed class SubscribeInvocation(Subscription subscription, IHubClientObserver observer) : PendingInvocation
{
    private readonly TaskCompletionSource<SubscribeOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SubscribeOutcome> Task => _done.Task;

    public override void Complete(HubClient client, in HubRecord completion)
    {
        if (completion.Error is { } error)
        {
            subscription.Subscribing = false;
            _done.TrySetResult(SubscribeOutcome.Failed(HubErrorCode.From(error), error));
            return;
        }

        SubscribeOutcome outcome;
        try
        {
            outcome = Apply(client, completion.Result);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
        {
            outcome = SubscribeOutcome.Failed("client.bad_subscribe_result", ex.Message);
        }

        subscription.Subscribing = false;
        _done.TrySetResult(outcome);
    }

    public override void Fail(HubClient client, string code, string message)
    {
        subscription.Subscribing = false;
        _done.TrySetResult(SubscribeOutcome.Failed(code, message));
    }

    private SubscribeOutcome Apply(HubClient client, ReadOnlySpan<byte> result)
    {
        var tracker = subscription.Tracker;
        var resuming = tracker.HasStart;
        if (resuming)
        {
            tracker.BeginCatchUp();
        }

        var now = Stopwatch.GetTimestamp();
        var reader = new Utf8JsonReader(result);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("A Subscribe result must be an object.");
        }

        long latestSeq = -1;
        var missed = 0;
        var hasMore = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("missed"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new InvalidDataException("missed must be an array.");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var view = MessageViewReader.ReadObject(ref reader, result);
                    missed++;
                    // A fresh subscription starts at latestSeq: whatever recent history the server
                    // includes is not something this member was owed.
                    if (resuming)
                    {
                        var outcome = tracker.ObserveCatchUp(view.Seq);
                        observer.OnDelivery(client, subscription, view.Seq, outcome, view.Text, now, catchUp: true);
                    }
                }
            }
            else if (reader.ValueTextEquals("latestSeq"u8))
            {
                reader.Read();
                latestSeq = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("hasMore"u8))
            {
                reader.Read();
                hasMore = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (latestSeq < 0)
        {
            throw new InvalidDataException("A Subscribe result needs latestSeq.");
        }

        if (!resuming)
        {
            tracker.SetStart(latestSeq);
        }

        return new SubscribeOutcome(missed, latestSeq, hasMore, null, null);
    }
}
