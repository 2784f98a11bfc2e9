using System.Buffers.Text;
using System.Diagnostics;
using System.Text.Json;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Client;

/// <summary>A <c>Send</c> in flight: its acknowledgement (<c>{ seq, messageId, sentAt }</c>) goes straight to the observer.</summary>
internal sealed class SendInvocation(SendRecord record, IHubClientObserver observer) : PendingInvocation
{
    public SendRecord Record { get; } = record;

    public override void Complete(HubClient client, in HubRecord completion)
    {
        client.SendFinished();
        if (completion.Error is { } error)
        {
            observer.OnSendFailed(client, Record, HubErrorCode.From(error));
            return;
        }

        var seq = ReadSeq(completion.Result);
        if (seq < 0)
        {
            observer.OnSendFailed(client, Record, "client.bad_ack");
            return;
        }

        Record.AckedSeq = seq;
        observer.OnAck(client, Record, seq, Stopwatch.GetTimestamp());
    }

    public override void Fail(HubClient client, string code, string message)
    {
        client.SendFinished();
        observer.OnSendFailed(client, Record, code);
    }

    /// <summary>The <c>seq</c> of a send result, or -1.</summary>
    internal static long ReadSeq(ReadOnlySpan<byte> result)
    {
        try
        {
            var reader = new Utf8JsonReader(result);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return -1;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seq) ? seq
                        : reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out long text, out _) ? text : -1;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return -1;
    }
}
