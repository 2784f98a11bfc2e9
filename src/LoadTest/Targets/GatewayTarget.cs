using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.LoadTest.Targets;

/// <summary>
/// A running OrleansChat gateway: guests from <c>POST /api/auth/guest</c> (or logins of pre-created
/// accounts), the hub at <c>/hubs/chat</c>, rooms through <see cref="GatewayRoomsApi"/>.
/// </summary>
internal sealed class GatewayTarget : IChatTarget
{
    private readonly GatewayTargetOptions _options;
    private readonly HttpClient _http;
    private readonly GatewayRoomsApi _rooms;
    private readonly string _runId;
    private readonly SemaphoreSlim _ownerGate = new(1, 1);
    private string[]? _accounts;
    private ChatIdentity? _owner;

    public GatewayTarget(GatewayTargetOptions options, string runId)
    {
        _options = options;
        _runId = runId;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, MaxConnectionsPerServer = options.SignInConcurrency })
        {
            BaseAddress = options.BaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _rooms = new GatewayRoomsApi(_http);
    }

    public string Kind => "gateway";

    public Uri HubUrl => new(_options.BaseUrl, "/hubs/chat");

    public async Task<ChatIdentity> SignInAsync(int index, CancellationToken cancellationToken)
    {
        if (_options.AccountsFile is { } file)
        {
            _accounts ??= LoadAccounts(file);
            var (username, password) = Split(_accounts[index % _accounts.Length], file);
            return await LogInAsync(username, password, cancellationToken);
        }

        using var response = await _http.PostAsync("/api/auth/guest", content: null, cancellationToken);
        return await ReadTokensAsync(response, "guest sign-in", cancellationToken);
    }

    public async Task<string> CreateRoomAsync(ChatIdentity owner, string name, CancellationToken cancellationToken)
    {
        var creator = await RoomOwnerAsync(cancellationToken);
        return await _rooms.CreateAsync(creator, $"lt-{_runId}-{name}", cancellationToken);
    }

    public Task JoinRoomAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken) =>
        _rooms.JoinAsync(member, conversationId, cancellationToken);

    public Task LeaveRoomAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken) =>
        _rooms.LeaveAsync(member, conversationId, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _ownerGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<ChatIdentity> RoomOwnerAsync(CancellationToken cancellationToken)
    {
        await _ownerGate.WaitAsync(cancellationToken);
        try
        {
            if (_owner is not null)
            {
                return _owner;
            }

            if (_options.RoomOwner is { } owner)
            {
                var (username, password) = Split(owner, "--room-owner");
                return _owner = await LogInAsync(username, password, cancellationToken);
            }

            // Guests may not create rooms: sign up one registered owner for this run.
            var request = new { username = $"lt_{_runId}", password = Convert.ToHexString(Guid.NewGuid().ToByteArray()) };
            using var response = await _http.PostAsJsonAsync("/api/auth/signup", request, cancellationToken);
            return _owner = await ReadTokensAsync(response, "room owner sign-up", cancellationToken);
        }
        finally
        {
            _ownerGate.Release();
        }
    }

    private async Task<ChatIdentity> LogInAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("/api/auth/login", new { username, password }, cancellationToken);
        return await ReadTokensAsync(response, $"login of '{username}'", cancellationToken);
    }

    private static async Task<ChatIdentity> ReadTokensAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new InvalidOperationException(
                $"The gateway throttled the {what} (429). Guest logins and signups are limited per client address; for load tests start the gateway with " +
                "Gateway__Auth__Throttle__MaxSignupsPerAddress raised (its maximum is 100000), or pass --accounts with pre-created accounts, or fewer --users.");
        }

        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"The gateway refused the {what}: HTTP {(int)response.StatusCode} {Truncate(body)}");
        }

        var tokens = await response.Content.ReadFromJsonAsync<TokenResponse>(JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException($"The gateway's answer to the {what} was empty.");
        return new ChatIdentity(tokens.User.UserId.ToString(), tokens.User.Username, tokens.AccessToken, tokens.HubToken);
    }

    private static string[] LoadAccounts(string file)
    {
        var lines = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        return lines.Length > 0 ? lines : throw new InvalidOperationException($"{file} holds no accounts (one username:password per line).");
    }

    private static (string Username, string Password) Split(string account, string source)
    {
        var colon = account.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? (account[..colon], account[(colon + 1)..])
            : throw new InvalidOperationException($"{source}: expected username:password, got '{Truncate(account)}'.");
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record TokenResponse(
        [property: JsonPropertyName("accessToken")] string AccessToken,
        [property: JsonPropertyName("hubToken")] string HubToken,
        [property: JsonPropertyName("user")] TokenUser User);

    private sealed record TokenUser(
        [property: JsonPropertyName("userId")] Guid UserId,
        [property: JsonPropertyName("username")] string Username);
}
