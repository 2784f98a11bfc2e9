using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>Internal diagnostics of a conversation activation (tests, operators).</summary>
internal interface IConversationDiagnostics : IGrainWithStringKey
{
    [AlwaysInterleave]
    Task<ConversationLogStats> GetLogStats();

    /// <summary>Deactivates the activation after this call (as a move to another silo would).</summary>
    Task Deactivate();
}
