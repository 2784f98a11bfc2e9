using OrleansChat.Silo.Hosting;

try
{
    if (args.Length > 0 && args[0] == "cluster")
    {
        // Operator command: print the cluster's membership rows, the same data as GET /cluster.
        return await ClusterCommand.RunAsync(args[1..]);
    }

    var app = SiloHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or Microsoft.Extensions.Options.OptionsValidationException or OrleansChat.Runtime.Storage.DatabaseUnreachableException or OrleansChat.Runtime.Storage.SchemaMigrationException
    or IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException })
{
    // Configuration and database problems, and a port in use, get one clear line instead of a stack trace.
    await Console.Error.WriteLineAsync($"silo: {ex.Message}");
    return 1;
}
