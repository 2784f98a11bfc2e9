using OrleansChat.Grains.Errors;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>Asserts that a call is refused with a stable error code.</summary>
public static class Refused
{
    public static async Task<ChatException> With(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ChatException>(call);
        Assert.True(error.Code == code, $"Expected error code '{code}' but got '{error.Code}': {error.Message}");
        return error;
    }
}
