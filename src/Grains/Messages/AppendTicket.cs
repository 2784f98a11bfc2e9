namespace OrleansChat.Grains.Messages;

/// <summary>A queued append: its outcome, and whether it joined an identical append already queued.</summary>
internal readonly record struct AppendTicket(Task<AppendOutcome> Outcome, bool JoinedExisting);
