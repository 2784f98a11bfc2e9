namespace OrleansChat.MultiHost.Tests.Nodes;

/// <summary>Asks a node's readiness endpoint; unreachable counts as not ready.</summary>
internal static class HttpProbe
{
    public static async Task<bool> IsReadyAsync(HttpClient http, NodeProcess process)
    {
        await process.ThrowIfExitedAsync();
        try
        {
            using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
