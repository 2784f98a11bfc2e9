namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>One emoji's reactions on a message.</summary>
/// <param name="Emoji">The emoji.</param>
/// <param name="Count">How many users reacted.</param>
/// <param name="UserIds">Who reacted, in order of reacting.</param>
public sealed record ReactionView(
    string Emoji,
    int Count,
    IReadOnlyList<string> UserIds);
