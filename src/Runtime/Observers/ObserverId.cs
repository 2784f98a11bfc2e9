namespace OrleansChat.Runtime.Observers;

/// <summary>
/// Observer references are grain ids of a reserved type whose key names the process hosting the
/// object ("host|guid"), so any silo can route a call to the client connection that owns it.
/// </summary>
internal static class ObserverId
{
    public const string GrainType = "sys.observer";

    public static GrainId Create(string hostId) => new(GrainType, $"{hostId}|{Guid.NewGuid():N}");

    public static bool IsObserver(GrainId grainId) => string.Equals(grainId.Type, GrainType, StringComparison.Ordinal);

    /// <summary>The host part of an observer id.</summary>
    public static string HostOf(GrainId grainId)
    {
        var bar = grainId.Key.LastIndexOf('|');
        return bar > 0 ? grainId.Key[..bar] : string.Empty;
    }
}
