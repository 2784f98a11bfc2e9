namespace OrleansChat.Grains.Directory;

/// <summary>Where to find the directory grain.</summary>
public static class ChatDirectory
{
    /// <summary>The directory grain's key.</summary>
    public const string Key = "global";
}
