namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Outcome of a reaction toggle.</summary>
/// <param name="Seq">The message.</param>
/// <param name="Emoji">The emoji.</param>
/// <param name="Added">True if the caller's reaction is now present.</param>
/// <param name="Count">The emoji's count now.</param>
public sealed record ReactionResultView(
    long Seq,
    string Emoji,
    bool Added,
    int Count);
