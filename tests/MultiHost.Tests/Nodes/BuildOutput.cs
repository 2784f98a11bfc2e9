namespace OrleansChat.MultiHost.Tests.Nodes;

/// <summary>Finds the built silo and gateway next to this test's own build output (same configuration).</summary>
internal static class BuildOutput
{
    /// <summary>The dotnet host that runs this test, so the nodes run on the same runtime.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    public static string Dll(string project, string assembly)
    {
        // tests/MultiHost.Tests/bin/<Configuration>/net10.0 -> src/<project>/bin/<Configuration>/net10.0
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testDirectory.Parent!.Name;
        var root = testDirectory.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", project, "bin", configuration, testDirectory.Name, assembly);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/{project} ({configuration}) first; expected {dll}.");
    }
}
