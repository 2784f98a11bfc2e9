using Npgsql;

namespace OrleansChat.LoadTest.Persistence;

/// <summary>Checks acknowledged messages against the store in batches: exactly one row each, under the acknowledged sequence number.</summary>
internal sealed class AckedMessageVerifier(string connectionString, StoredMessageQuery query)
{
    private const int BatchSize = 5_000;

    public async Task<StoreCheck> VerifyAsync(IReadOnlyList<AckedMessage> acked, CancellationToken cancellationToken)
    {
        // A retry after a lost acknowledgement is acknowledged twice with the same id: check each key once.
        var distinct = acked.DistinctBy(a => (a.ConversationId, a.SenderId, a.ClientMessageId)).ToArray();
        long once = 0, missing = 0, multiple = 0, mismatch = 0;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var batch in distinct.Chunk(BatchSize))
        {
            var rows = await query.RunAsync(connection, batch, cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                var (copies, firstSeq, _) = rows[i];
                switch (copies)
                {
                    case 0:
                        missing++;
                        break;
                    case 1 when firstSeq == batch[i].Seq:
                        once++;
                        break;
                    case 1:
                        mismatch++;
                        break;
                    default:
                        multiple++;
                        break;
                }
            }
        }

        return new StoreCheck(distinct.Length, once, missing, multiple, mismatch);
    }
}
