using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Membership;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>One membership service under test, with a recorded declared-dead callback.</summary>
internal sealed class MemberSilo : IAsyncDisposable
{
    private readonly TaskCompletionSource _declaredDead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MemberSilo(MembershipTable table, MembershipOptions options, ISiloLivenessSource? liveness, ITestOutputHelper? output)
    {
        options.OnDeclaredDead = () => _declaredDead.TrySetResult();
        Options = options;
        Service = new MembershipService(
            table,
            Microsoft.Extensions.Options.Options.Create(options),
            liveness ?? NullSiloLivenessSource.Instance,
            TimeProvider.System,
            new TestOutputLogger<MembershipService>(output, $"[{options.LocalSiloAddress.Port}]"));
    }

    public MembershipService Service { get; }

    public MembershipOptions Options { get; }

    public SiloAddress Address => Service.LocalAddress;

    public MembershipView View => Service.CurrentView;

    /// <summary>Completes when the silo was told it was declared dead.</summary>
    public Task DeclaredDead => _declaredDead.Task;

    public bool WasDeclaredDead => _declaredDead.Task.IsCompleted;

    /// <summary>Simulates a crash: threads and sockets stop, nothing is written to the table.</summary>
    public ValueTask CrashAsync() => Service.DisposeAsync();

    public ValueTask DisposeAsync() => Service.DisposeAsync();
}
