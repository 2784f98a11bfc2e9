using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Tests.Http;

public sealed class OriginPolicyTests
{
    [Theory]
    [InlineData("https://App.Example", "https://app.example")]
    [InlineData("https://app.example:443", "https://app.example")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    [InlineData("http://[::1]:8080", "http://[::1]:8080")]
    [InlineData("https://app.example/", "https://app.example")]
    public void Origins_are_normalized(string origin, string expected)
    {
        Assert.True(OriginPolicy.TryNormalize(origin, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("*")]
    [InlineData("https://*.example")]
    [InlineData("ftp://app.example")]
    [InlineData("https://user@app.example")]
    [InlineData("https://app.example/path")]
    [InlineData("https://app.example?x=1")]
    [InlineData("app.example")]
    [InlineData("")]
    public void Non_origins_are_rejected(string origin)
    {
        Assert.False(OriginPolicy.TryNormalize(origin, out _));
    }
}
