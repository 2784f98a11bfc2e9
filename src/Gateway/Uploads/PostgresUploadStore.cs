using System.Security.Cryptography;
using Npgsql;

namespace OrleansChat.Gateway.Uploads;

/// <summary>Files in the <c>gateway_uploads</c> table (bytea; files are at most a few MiB).</summary>
internal sealed class PostgresUploadStore(NpgsqlDataSource dataSource) : IUploadStore
{
    public async Task SaveAsync(StoredUpload upload, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO gateway_uploads (upload_id, owner_id, conversation_id, purpose, content_type, file_name, size, sha256, content, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = upload.UploadId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = upload.OwnerId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)upload.ConversationId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)upload.Purpose });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = upload.ContentType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = upload.FileName });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = upload.Size });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(content.Span) });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = content, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = upload.CreatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredUpload?> FindAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT owner_id, conversation_id, purpose, content_type, file_name, size, created_at
            FROM gateway_uploads WHERE upload_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = uploadId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredUpload(
            uploadId,
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            (UploadPurpose)reader.GetInt16(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetInt32(5),
            reader.GetFieldValue<DateTimeOffset>(6));
    }

    public async Task<byte[]?> ReadContentAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT content FROM gateway_uploads WHERE upload_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = uploadId });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
