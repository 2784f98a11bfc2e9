using System.Globalization;
using Npgsql;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Silo.Hosting;

/// <summary><c>OrleansChat.Silo cluster [--postgres CONNSTR] [--cluster-id ID]</c>: prints every silo row of a cluster.</summary>
internal static class ClusterCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args, new Dictionary<string, string>
        {
            ["--postgres"] = "ConnectionStrings:Postgres",
            ["--cluster-id"] = "Cluster:ClusterId",
        }).Build();
        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Give --postgres CONNSTR or set ConnectionStrings__Postgres.");
        var clusterId = configuration["Cluster:ClusterId"] ?? "orleanschat";
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var view = await MembershipTableReader.ReadAsync(dataSource, clusterId);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster {clusterId}, membership version {view.Version}, {view.ActiveSilos.Length} active"));
        Console.WriteLine($"{"NAME",-20} {"ADDRESS",-36} {"STATUS",-13} {"STARTED",-20} I-AM-ALIVE");
        foreach (var member in view.Members)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{member.SiloName,-20} {member.Address,-36} {member.Status,-13} {member.StartTime:yyyy-MM-dd HH:mm:ss} {member.IAmAliveTime:yyyy-MM-dd HH:mm:ss}"));
        }

        return 0;
    }
}
