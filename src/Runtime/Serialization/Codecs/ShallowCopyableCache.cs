namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// Whether a composite value (nullable, immutable collection, tuple) can be shared, worked out once from
/// its parts' codecs on first use. Not in the constructor: a part's codec may still be initialising
/// (a recursive generated type), and a type that contains itself would otherwise recurse forever.
/// While the answer is being computed, callers get "no", which is always safe: the value is copied.
/// </summary>
internal sealed class ShallowCopyableCache(Func<bool> compute)
{
    private const int Unknown = 0;
    private const int Computing = 1;
    private const int No = 2;
    private const int Yes = 3;

    private int _state;

    public bool Value
    {
        get
        {
            var state = Volatile.Read(ref _state);
            if (state >= No)
            {
                return state == Yes;
            }

            if (Interlocked.CompareExchange(ref _state, Computing, Unknown) != Unknown)
            {
                return false;
            }

            bool result;
            try
            {
                result = compute();
            }
            catch
            {
                Volatile.Write(ref _state, Unknown);
                throw;
            }

            Volatile.Write(ref _state, result ? Yes : No);
            return result;
        }
    }
}
