namespace OrleansChat.LoadTest.Persistence;

/// <summary>A message the server acknowledged: the key it must be stored under and the sequence number it was given.</summary>
internal sealed record AckedMessage(string ConversationId, string SenderId, string ClientMessageId, long Seq);
