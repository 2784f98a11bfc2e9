using OrleansChat.Grains.Errors;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Grains.Tests.Errors;

/// <summary>Error codes survive the trip across a grain call, which carries only type name and message.</summary>
public sealed class ChatExceptionTests
{
    [Fact]
    public void The_code_travels_inside_the_message_and_is_parsed_back()
    {
        var error = ChatException.Create(ChatErrorCodes.RoomBanned, "You are banned from this room.");

        var rebuilt = new ChatException(error.Message);

        Assert.Equal("[room.banned] You are banned from this room.", error.Message);
        Assert.Equal(ChatErrorCodes.RoomBanned, rebuilt.Code);
        Assert.Equal("You are banned from this room.", rebuilt.Detail);
        Assert.Equal(ChatErrorCategory.Forbidden, rebuilt.Category);
    }

    [Fact]
    public void A_chat_exception_crosses_the_wire_as_itself_with_its_code()
    {
        var error = ChatException.Create(ChatErrorCodes.MessageRateLimited, "Slow down.");

        var received = Serializer.Deserialize<Exception>(Serializer.Serialize<Exception>(error));

        var chat = Assert.IsType<ChatException>(received);
        Assert.Equal(ChatErrorCodes.MessageRateLimited, chat.Code);
        Assert.Equal(ChatErrorCategory.RateLimited, chat.Category);
    }

    [Theory]
    [InlineData("no code here")]
    [InlineData("[NotACode] text")]
    [InlineData("[nodot] text")]
    [InlineData("")]
    public void A_message_without_a_well_formed_code_is_an_internal_error(string message)
    {
        Assert.Equal(ChatErrorCodes.Internal, new ChatException(message).Code);
    }

    [Fact]
    public void Every_code_is_well_formed_and_categorized()
    {
        var constants = typeof(ChatErrorCodes).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(constants.Count, constants.Distinct().Count());
        Assert.All(constants, code => Assert.True(ChatErrorCodes.IsWellFormed(code), code));
        Assert.Equal(constants.Order(), ChatErrorCodes.All.Keys.Order());
    }
}
