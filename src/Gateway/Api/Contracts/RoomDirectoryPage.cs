namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A page of the room directory, ordered by name.</summary>
/// <param name="Items">The rooms.</param>
/// <param name="NextAfter">Pass as <c>after</c> for the next page; null at the end.</param>
public sealed record RoomDirectoryPage(
    IReadOnlyList<RoomSummaryView> Items,
    string? NextAfter);
