namespace OrleansChat.LoadTest.Reporting;

/// <summary>Reports nothing (tests), or collects the messages when asked.</summary>
internal sealed class SilentReporter : IRunReporter
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Info(string message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }
    }

    public void Sample(ProgressSample sample)
    {
    }
}
