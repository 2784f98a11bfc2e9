namespace OrleansChat.Grains.Messages;

/// <summary>Result of a reaction toggle in storage.</summary>
internal sealed record ToggleOutcome(ChangeOutcome Outcome, bool Added, int Count);
