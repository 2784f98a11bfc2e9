using OrleansChat.Runtime;

namespace OrleansChat.Grains.DirectMessages;

/// <summary>Grain-to-grain calls into a DM thread (internal).</summary>
internal interface IDirectMessageRelay : IGrainWithStringKey
{
    /// <summary>A participant blocked or unblocked the other: re-read the block state before the next post.</summary>
    Task RefreshBlocks();
}
