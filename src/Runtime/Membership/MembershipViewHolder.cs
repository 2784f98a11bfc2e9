using System.Runtime.CompilerServices;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// The current view plus a signal completed on every change. Views only move to higher
/// versions, so a slow read that finishes after a newer one cannot roll the view back.
/// </summary>
internal sealed class MembershipViewHolder
{
    private readonly object _lock = new();
    private MembershipView _current = MembershipView.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MembershipView Current => Volatile.Read(ref _current);

    /// <summary>
    /// Replaces the view if <paramref name="view"/> has a higher version, or the same version with
    /// different content (a row edited by hand without bumping the version); true when it did.
    /// </summary>
    public bool TryPublish(MembershipView view)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (view.Version < _current.Version || (view.Version == _current.Version && view.HasSameMembershipAs(_current)))
            {
                return false;
            }

            Volatile.Write(ref _current, view);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
        return true;
    }

    /// <summary>Completes when the view is next replaced.</summary>
    public Task NextChange
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    public async Task<MembershipView> WaitForAsync(Func<MembershipView, bool> predicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        while (true)
        {
            // Take the signal before testing, so a change between the test and the wait is not missed.
            var next = NextChange;
            var view = Current;
            if (predicate(view))
            {
                return view;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<MembershipView> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        MembershipView? last = null;
        while (true)
        {
            var next = NextChange;
            var view = Current;
            if (!ReferenceEquals(view, last))
            {
                last = view;
                yield return view;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
