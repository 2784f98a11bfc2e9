using OrleansChat.Silo.Hosting;

try
{
    var app = SiloHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or Microsoft.Extensions.Options.OptionsValidationException or OrleansChat.Runtime.Storage.DatabaseUnreachableException or OrleansChat.Runtime.Storage.SchemaMigrationException)
{
    // Configuration and database problems get one clear line instead of a stack trace.
    await Console.Error.WriteLineAsync($"silo: {ex.Message}");
    return 1;
}
