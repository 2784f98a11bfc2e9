using System.Collections.Immutable;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Storage;
using OrleansChat.Grains.Users;
using OrleansChat.Grains.Validation;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Directory;

/// <summary>Stateless queries; reentrant, so concurrent searches do not queue behind each other.</summary>
[Reentrant]
[GrainType("directory")]
internal sealed class ChatDirectoryGrain(RoomStore rooms, UserStore users) : Grain, IChatDirectoryGrain
{
    public Task<ImmutableArray<RoomSummary>> ListRooms(string? prefix, string? afterName, int limit) => ChatDatabase.Guard(async () =>
    {
        CallerContext.Require();
        InputRules.PageLimit(limit);
        return (await rooms.ListDirectoryAsync(SearchText(prefix), SearchText(afterName), limit)).ToImmutableArray();
    });

    public Task<ImmutableArray<UserSummary>> FindUsers(string prefix, int limit) => ChatDatabase.Guard(async () =>
    {
        CallerContext.Require();
        InputRules.PageLimit(limit);
        return (await users.SearchAsync(SearchText(prefix) ?? string.Empty, limit)).ToImmutableArray();
    });

    public Task<UserSummary?> FindUserByName(string username) => ChatDatabase.Guard(async () =>
    {
        CallerContext.Require();
        return NameRules.IsValid(username) ? await users.FindByNameAsync(username) : null;
    });

    /// <summary>Search text is at most a name long and from the name alphabet, so it cannot be a pattern or a huge scan key.</summary>
    private static string? SearchText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > ChatLimits.MaxNameLength || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidName, "Search text must be up to 32 characters of A-Z a-z 0-9 _ . -.");
        }

        return text;
    }
}
