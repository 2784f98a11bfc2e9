namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A room in the public directory.</summary>
/// <param name="RoomId">The room id.</param>
/// <param name="Name">The name.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Visibility"><c>public</c> or <c>password</c> (private rooms are never listed).</param>
/// <param name="MemberCount">Members.</param>
public sealed record RoomSummaryView(
    string RoomId,
    string Name,
    string Topic,
    string Visibility,
    int MemberCount);
