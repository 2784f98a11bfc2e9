using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime;

/// <summary>
/// Values that travel with every call made from the current logical flow (Orleans' RequestContext):
/// the caller's identity, a correlation id. A callee sees a copy; its changes never flow back.
/// Values are strings so that they cross the wire without type information.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<RequestContextData?> Current = new();

    /// <summary>The value for <paramref name="key"/>, or null.</summary>
    public static string? Get(string key) => Current.Value?.Get(key);

    /// <summary>Sets a value for this flow and every call it makes.</summary>
    public static void Set(string key, string value) => Current.Value = RequestContextData.With(Current.Value, key, value);

    /// <summary>Removes a value.</summary>
    public static void Remove(string key)
    {
        if (Current.Value is not null)
        {
            Current.Value = RequestContextData.With(Current.Value, key, null);
        }
    }

    /// <summary>Removes every value.</summary>
    public static void Clear()
    {
        if (Current.Value is not null)
        {
            Current.Value = null;
        }
    }

    /// <summary>The snapshot to attach to an outgoing call.</summary>
    internal static RequestContextData? Snapshot => Current.Value;

    /// <summary>Installs a request's snapshot on the current flow; only writes when it differs (an AsyncLocal write allocates).</summary>
    internal static void Restore(RequestContextData? data)
    {
        if (!ReferenceEquals(Current.Value, data))
        {
            Current.Value = data;
        }
    }
}
