using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Client;

/// <summary>An invocation awaited as a task; the result's JSON is copied out of the receive buffer.</summary>
internal sealed class ResultInvocation : PendingInvocation
{
    private readonly TaskCompletionSource<HubCompletion> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<byte[]>? _items;

    public Task<HubCompletion> Task => _done.Task;

    public override void Complete(HubClient client, in HubRecord completion)
    {
        var items = (IReadOnlyList<byte[]>?)_items ?? [];
        if (completion.Error is { } error)
        {
            _done.TrySetResult(new HubCompletion(null, error, HubErrorCode.From(error), items));
        }
        else
        {
            _done.TrySetResult(new HubCompletion(completion.HasResult ? completion.Result.ToArray() : null, null, null, items));
        }
    }

    public override void Fail(HubClient client, string code, string message) =>
        _done.TrySetResult(new HubCompletion(null, message, code, (IReadOnlyList<byte[]>?)_items ?? []));

    public override void OnStreamItem(HubClient client, ReadOnlySpan<byte> item) => (_items ??= []).Add(item.ToArray());
}
