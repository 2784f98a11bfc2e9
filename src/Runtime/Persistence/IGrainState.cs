namespace OrleansChat.Runtime;

/// <summary>State plus its storage metadata, exchanged with an <see cref="IGrainStorage"/>.</summary>
public interface IGrainState<TState>
{
    TState State { get; set; }

    string? ETag { get; set; }

    bool RecordExists { get; set; }
}
