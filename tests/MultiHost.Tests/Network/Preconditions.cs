namespace OrleansChat.MultiHost.Tests.Network;

/// <summary>
/// What the test needs from the machine. Missing, the test fails (never skips) and says why:
/// CI runs it as root on Linux, where all of it exists.
/// </summary>
internal static class Preconditions
{
    public static void Require()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new InvalidOperationException("The multi-host test needs Linux network namespaces; run it on Linux (CI does).");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The multi-host test creates network namespaces, veth pairs and a bridge, which needs root. " +
                "Run ./test.sh (or dotnet test tests/MultiHost.Tests) as root, as CI does.");
        }

        foreach (var tool in new[] { "ip", "setpriv" })
        {
            try
            {
                HostCommand.TryRun(tool, "-V");
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException($"The multi-host test needs '{tool}' on PATH (Debian: apt-get install -y iproute2 util-linux).");
            }
        }
    }
}
