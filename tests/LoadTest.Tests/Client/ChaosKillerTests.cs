using System.Diagnostics;
using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Tests.Client;

public sealed class ChaosKillerTests
{
    [Fact]
    public void The_load_generator_refuses_to_kill_a_process_that_is_not_a_silo()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var killer = new ChaosKiller(new ChaosSettings(sleeper.Id, TimeSpan.Zero, Force: false, Postgres: null, new MessageTableOptions()), new SilentReporter());

            var error = Assert.Throws<InvalidOperationException>(killer.Validate);

            Assert.Contains("not an OrleansChat silo", error.Message, StringComparison.Ordinal);
            Assert.False(sleeper.HasExited);
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public void The_load_generator_refuses_to_kill_itself_or_a_process_that_does_not_exist()
    {
        Assert.Throws<InvalidOperationException>(new ChaosKiller(
            new ChaosSettings(Environment.ProcessId, TimeSpan.Zero, Force: true, null, new MessageTableOptions()), new SilentReporter()).Validate);
        Assert.Throws<InvalidOperationException>(new ChaosKiller(
            new ChaosSettings(int.MaxValue - 1, TimeSpan.Zero, Force: true, null, new MessageTableOptions()), new SilentReporter()).Validate);
    }
}
