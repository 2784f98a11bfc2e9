using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Tests.Infrastructure;

namespace OrleansChat.LoadTest.Tests.EndToEnd;

/// <summary>
/// <c>loadtest write-path</c> against the real silo processes for a second or two: it joins the
/// cluster as a client, posts to room grains, and every acknowledged post must be stored exactly
/// once under its number, with no gaps and no errors. Correctness only, never speed.
/// </summary>
[Collection(LoopbackCollection.Name)]
public sealed class WritePathTests(ChatSystem system) : IClassFixture<ChatSystem>
{
    [Fact]
    public async Task Every_post_acknowledged_by_the_real_silos_is_stored_exactly_once_under_its_number_without_gaps()
    {
        var settings = new WritePathSettings(system.ConnectionString, system.ClusterId, Silos: 2, Rooms: 6, InFlight: 12,
            Warmup: TimeSpan.FromSeconds(0.3), Duration: TimeSpan.FromSeconds(1.5), TextBytes: 40);

        var figures = await new WritePathRun(settings, new SilentReporter()).RunAsync(CancellationToken.None);

        Assert.Equal(0, figures.Errors);
        Assert.True(figures.AckedInWindow > 0, "nothing was acknowledged in the window");
        Assert.True(figures.AckedTotal >= figures.AckedInWindow, $"{figures.AckedTotal} acknowledged in all, {figures.AckedInWindow} in the window");
        Assert.Equal(figures.AckedTotal, figures.Store.Checked);
        Assert.Equal(figures.AckedTotal, figures.Store.StoredOnce);
        Assert.Equal((0L, 0L, 0L), (figures.Store.Missing, figures.Store.StoredMoreThanOnce, figures.Store.SeqMismatch));
        Assert.Equal(0, figures.RoomsWithGaps);
        Assert.Equal(figures.AckedTotal, await system.CountMessagesAsync());
    }
}
