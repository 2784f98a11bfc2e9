namespace OrleansChat.LoadTest.Targets;

/// <summary>
/// What differs between the systems a scenario can drive: how users sign in and how rooms come to
/// exist. The hub protocol itself is the same for all (docs/hub-protocol.md).
/// </summary>
internal interface IChatTarget : IAsyncDisposable
{
    /// <summary><c>gateway</c> or <c>baseline</c>, for results.</summary>
    string Kind { get; }

    /// <summary>The hub's URL.</summary>
    Uri HubUrl { get; }

    /// <summary>Signs in user number <paramref name="index"/> of this run.</summary>
    Task<ChatIdentity> SignInAsync(int index, CancellationToken cancellationToken);

    /// <summary>Creates a room owned by <paramref name="owner"/> and returns its conversation id (<c>room:&lt;id&gt;</c>).</summary>
    Task<string> CreateRoomAsync(ChatIdentity owner, string name, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="member"/> a member of a room, so that it may subscribe and post.</summary>
    Task JoinRoomAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken);

    /// <summary>Ends <paramref name="member"/>'s membership of a room.</summary>
    Task LeaveRoomAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken);

    /// <summary>The direct-message conversation id of two users (<c>dm:&lt;a&gt;:&lt;b&gt;</c>, ids sorted ordinally).</summary>
    string DirectConversation(ChatIdentity a, ChatIdentity b) =>
        string.CompareOrdinal(a.UserId, b.UserId) <= 0 ? $"dm:{a.UserId}:{b.UserId}" : $"dm:{b.UserId}:{a.UserId}";
}
