namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A page of members, ordered by user id.</summary>
/// <param name="Items">The members.</param>
/// <param name="NextAfter">Pass as <c>after</c> for the next page; null at the end.</param>
public sealed record MemberPageView(
    IReadOnlyList<MemberView> Items,
    string? NextAfter);
