namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of marking a conversation read.</summary>
/// <param name="Seq">Read up to this sequence number (a read position never moves back).</param>
public sealed record ReadBody(
    long Seq);
