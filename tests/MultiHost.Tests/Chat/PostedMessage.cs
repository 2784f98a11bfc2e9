namespace OrleansChat.MultiHost.Tests.Chat;

/// <summary>A message as the history returns it (or as the gateway acknowledged it).</summary>
internal sealed record PostedMessage(string RoomId, long Seq, string SenderId, string Text);
