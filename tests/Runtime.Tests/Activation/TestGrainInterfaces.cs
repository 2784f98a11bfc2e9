namespace OrleansChat.Runtime.Tests.Activation;

public interface ISchedulingGrain : IGrainWithStringKey
{
    /// <summary>Records its id, yields, and returns; order of records is the order requests ran.</summary>
    Task Record(int id);

    Task<IReadOnlyList<int>> Recorded();

    /// <summary>Enters, waits for gate <paramref name="gate"/>, leaves.</summary>
    Task Hold(string gate);

    [ReadOnly]
    Task HoldReadOnly(string gate);

    [AlwaysInterleave]
    Task<int> Inside();

    Task<string> WhoCalls();

    Task<string> WhoCallsVia(string otherKey);

    Task<string> SetContextAndRead();

    Task<int> ThrowSync(string message);

    Task<int> ThrowAsync(string message);

    Task<int> CountItems(List<int> items);
}

public interface IReentrantGrain : IGrainWithStringKey
{
    Task Hold(string gate);
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> ActivationNumber();

    Task Leave();

    Task StartTimer(TimeSpan dueTime, TimeSpan period, bool keepAlive);

    Task<int> Ticks();
}
