namespace OrleansChat.Gateway.Uploads;

/// <summary>Upload settings (configuration section <c>Gateway:Uploads</c>); validated at start-up.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Gateway:Uploads";

    /// <summary>Largest file, in bytes (10 MiB by default; 1 KiB to 100 MiB).</summary>
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;
}
