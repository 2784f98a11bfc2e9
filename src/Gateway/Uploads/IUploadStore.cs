namespace OrleansChat.Gateway.Uploads;

/// <summary>Where uploaded files live. The default keeps them in PostgreSQL (<see cref="PostgresUploadStore"/>); an object store can replace it.</summary>
public interface IUploadStore
{
    Task SaveAsync(StoredUpload upload, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The file's metadata, or null.</summary>
    Task<StoredUpload?> FindAsync(Guid uploadId, CancellationToken cancellationToken);

    /// <summary>The file's bytes, or null.</summary>
    Task<byte[]?> ReadContentAsync(Guid uploadId, CancellationToken cancellationToken);
}
