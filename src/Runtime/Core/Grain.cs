namespace OrleansChat.Runtime;

/// <summary>
/// Base class for grain implementations (Orleans' <c>Grain</c>). One activation runs one request
/// at a time unless the class or method opts into interleaving; await freely, never with
/// <c>ConfigureAwait(false)</c>, so continuations stay on the activation.
/// </summary>
public abstract class Grain
{
    private readonly IGrainContext _context;

    protected Grain()
    {
        _context = GrainContextScope.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; use IGrainFactory.GetGrain to obtain a reference.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _context.GrainId;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => _context.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => _context.Services;

    internal IGrainContext Context => _context;

    /// <summary>The grain's string key.</summary>
    public string GetPrimaryKeyString() => _context.GrainId.Key;

    /// <summary>Runs after state is read and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the activation is removed (idle collection, shutdown, <see cref="DeactivateOnIdle"/>).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes.</summary>
    protected void DeactivateOnIdle() => _context.DeactivateOnIdle();

    /// <summary>Registers a timer; ticks run on this activation, never overlap, and stop when it deactivates.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options) =>
        _context.RegisterTimer(callback, state, options);

    /// <summary>The stream provider (Orleans' <c>this.GetStreamProvider(name)</c>; this runtime has one provider).</summary>
    protected Streams.IStreamProvider GetStreamProvider(string name = "Default") =>
        (Streams.IStreamProvider?)_context.Services.GetService(typeof(Streams.IStreamProvider))
            ?? throw new InvalidOperationException($"No stream provider '{name}' is registered.");

    /// <summary>Registers a timer with no state.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        _context.RegisterTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));
}
