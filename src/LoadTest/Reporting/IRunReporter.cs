namespace OrleansChat.LoadTest.Reporting;

/// <summary>Where a run's progress goes: a live console display, plain lines, or nowhere (tests).</summary>
internal interface IRunReporter
{
    /// <summary>A notable step (set-up done, silo killed, …).</summary>
    void Info(string message);

    /// <summary>The latest one-second figures.</summary>
    void Sample(ProgressSample sample);
}
