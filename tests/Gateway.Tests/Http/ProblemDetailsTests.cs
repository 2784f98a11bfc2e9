using System.Net;
using System.Text;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Http;

/// <summary>Errors the framework raises itself still come out as problem details with a code.</summary>
public sealed class ProblemDetailsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client => fixture.Gateway.Client;

    [Fact]
    public async Task Unknown_path_is_404_request_not_found()
    {
        using var response = await Client.GetAsync("/api/no-such-thing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "request.not_found");
    }

    [Fact]
    public async Task Wrong_method_is_405_request_method_not_allowed()
    {
        using var response = await Client.GetAsync("/api/auth/login");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "request.method_not_allowed");
    }

    [Fact]
    public async Task Non_json_body_is_415_request_unsupported_media_type()
    {
        using var content = new StringContent("username=alice", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Client.PostAsync("/api/auth/login", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_request_too_large_and_the_server_stays_up()
    {
        var huge = "{\"username\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}";
        using var content = new StringContent(huge, Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync("/api/auth/signup", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        await Client.StartGuestAsync();
    }

    [Fact]
    public async Task Empty_body_is_400_request_invalid()
    {
        using var content = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/auth/login", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "request.invalid");
    }
}
