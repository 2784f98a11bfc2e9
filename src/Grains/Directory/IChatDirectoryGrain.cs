using System.Collections.Immutable;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Directory;

/// <summary>
/// The public room directory and user search (use key <see cref="ChatDirectory.Key"/>). Reads only,
/// straight from the database, for any authenticated caller; private rooms and guests are never listed.
/// </summary>
public interface IChatDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Public and password-protected rooms by name, optionally starting with <paramref name="prefix"/>, after <paramref name="afterName"/>.</summary>
    Task<ImmutableArray<RoomSummary>> ListRooms(string? prefix, string? afterName, int limit);

    /// <summary>Registered (non-guest) users whose username starts with <paramref name="prefix"/>.</summary>
    Task<ImmutableArray<UserSummary>> FindUsers(string prefix, int limit);

    /// <summary>The user with this username (case-insensitive), or null.</summary>
    Task<UserSummary?> FindUserByName(string username);
}
