using OrleansChat.Gateway;

try
{
    await GatewayApp.Create(new WebApplicationOptions { Args = args }).RunAsync();
    return 0;
}
catch (Exception ex) when (GatewayApp.IsStartupFailure(ex))
{
    // Configuration and database problems, and a port in use, get one clear line instead of a stack trace.
    await Console.Error.WriteLineAsync($"gateway: {ex.Message}");
    return 1;
}
