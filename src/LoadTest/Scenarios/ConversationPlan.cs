namespace OrleansChat.LoadTest.Scenarios;

/// <summary>One conversation of a topology: who is in it and who posts to it (client indexes).</summary>
internal sealed record ConversationPlan(string Name, int[] Members, int[] Senders, bool Direct);
