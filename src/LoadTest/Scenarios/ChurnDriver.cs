using OrleansChat.LoadTest.Client;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// Members who are not senders leave a conversation and join another (or the same again) at a fixed
/// rate while messages flow. Each join starts a fresh tracker at the conversation's latest sequence
/// number, so the check still proves exactly-once delivery for every stretch of membership.
/// </summary>
internal sealed class ChurnDriver(ChatWorkload workload, double operationsPerSecond)
{
    private const int MaxInFlight = 16;

    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);
    private long _joins;
    private long _leaves;
    private long _failures;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var candidates = workload.Topology.Conversations
            .SelectMany(c => c.Members.Except(c.Senders))
            .Distinct()
            .ToArray();
        if (candidates.Length == 0 || workload.Conversations.Count == 0)
        {
            return;
        }

        var running = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Math.Max(operationsPerSecond, 0.01)));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // Never let churn pile up behind a slow server: skip a tick when too many are in flight.
                if (!await _inFlight.WaitAsync(0, cancellationToken))
                {
                    continue;
                }

                var client = workload.Fleet.Clients[candidates[Random.Shared.Next(candidates.Length)]];
                running.Add(MoveAsync(client));
                running.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running);
    }

    public Reporting.ChurnFigures Figures(TimeSpan window) =>
        new(Volatile.Read(ref _joins), Volatile.Read(ref _leaves), Volatile.Read(ref _failures),
            (Volatile.Read(ref _joins) + Volatile.Read(ref _leaves)) / Math.Max(window.TotalSeconds, 1e-9));

    private async Task MoveAsync(HubClient client)
    {
        try
        {
            if (!client.IsConnected)
            {
                return;
            }

            var current = client.Subscriptions.FirstOrDefault(s => !s.Left);
            if (current is not null)
            {
                var left = await client.UnsubscribeAsync(current);
                await workload.Target.LeaveRoomAsync(client.Identity, current.ConversationId, CancellationToken.None);
                Count(left.Succeeded, ref _leaves, "churn.leave:" + left.Code);
            }

            var next = workload.Conversations[Random.Shared.Next(workload.Conversations.Count)];
            await workload.Target.JoinRoomAsync(client.Identity, next.Id, CancellationToken.None);
            Count(await workload.SubscribeAsync(client, next), ref _joins, "churn.join");
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
        {
            // The room REST call failed (the gateway said why in the message; the code is enough here).
            Interlocked.Increment(ref _failures);
            workload.Metrics.Errors.Add("churn.rest_failed");
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void Count(bool succeeded, ref long counter, string failureCode)
    {
        if (succeeded)
        {
            Interlocked.Increment(ref counter);
        }
        else
        {
            Interlocked.Increment(ref _failures);
            workload.Metrics.Errors.Add(failureCode);
        }
    }
}
