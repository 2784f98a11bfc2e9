using Microsoft.AspNetCore.Http;
using OrleansChat.Gateway.Auth;

namespace OrleansChat.Gateway.Tests.Auth;

/// <summary>The hub's access token read straight from the raw query string, as the query collection would read it.</summary>
public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("?access_token=abc.def.ghi", "abc.def.ghi")]
    [InlineData("?id=1&access_token=abc.def&x", "abc.def")]
    [InlineData("?ACCESS_TOKEN=abc", "abc")]
    [InlineData("?access_token=a%2Bb+c", "a+b c")]
    [InlineData("?access_token=", "")]
    [InlineData("?access_token", "")]
    public void The_token_is_the_single_access_token_parameter_decoded(string query, string expected) =>
        Assert.Equal(expected, BearerToken.FromQuery(query));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?id=1")]
    [InlineData("?access_tokens=abc")]
    [InlineData("?xaccess_token=abc")]
    [InlineData("?access_token=abc&access_token=abc")]
    public void No_token_unless_the_parameter_occurs_exactly_once(string? query) =>
        Assert.Null(BearerToken.FromQuery(query));

    [Theory]
    [InlineData("?access_token=abc.def")]
    [InlineData("?id=1&access_token=abc.def&x=y%20z")]
    public void The_same_token_as_the_query_collection_reads(string query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        Assert.Equal(parsed["access_token"].ToString(), BearerToken.FromQuery(query));
    }

    [Fact]
    public void Forgetting_the_token_keeps_the_other_parameters()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?id=7&access_token=secret");
        BearerToken.ForgetQueryToken(context.Request);
        Assert.Equal("7", context.Request.Query["id"].ToString());
        Assert.False(context.Request.Query.ContainsKey("access_token"));
        Assert.DoesNotContain("secret", context.Request.QueryString.Value ?? string.Empty, StringComparison.Ordinal);

        var alone = new DefaultHttpContext();
        alone.Request.QueryString = new QueryString("?access_token=secret");
        BearerToken.ForgetQueryToken(alone.Request);
        Assert.Empty(alone.Request.Query);
        Assert.DoesNotContain("secret", alone.Request.QueryString.Value ?? string.Empty, StringComparison.Ordinal);
    }
}
