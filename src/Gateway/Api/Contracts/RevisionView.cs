namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>An earlier text of an edited message.</summary>
/// <param name="Seq">The message.</param>
/// <param name="PreviousText">What it said.</param>
/// <param name="RevisedBy">Who changed it.</param>
/// <param name="RevisedAt">When.</param>
public sealed record RevisionView(
    long Seq,
    string PreviousText,
    string RevisedBy,
    DateTimeOffset RevisedAt);
