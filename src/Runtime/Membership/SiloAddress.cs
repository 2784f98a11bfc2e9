using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// One incarnation of a silo: its endpoint plus a generation (the start time in Unix
/// milliseconds). A restarted process on the same endpoint is a different, newer address.
/// Text form: <c>host:port@generation</c>, IPv6 hosts in brackets (<c>[::1]:11111@1700000000000</c>).
/// </summary>
public readonly record struct SiloAddress : IComparable<SiloAddress>
{
    /// <summary>Creates an address; throws <see cref="ArgumentException"/> on an empty host or a port outside 1..65535.</summary>
    public SiloAddress(string host, int port, long generation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        if (host.AsSpan().ContainsAny('@', '[', ']') || host.AsSpan().ContainsAny(' ', '\t', '/'))
        {
            throw new ArgumentException($"'{host}' is not a host name or IP address.", nameof(host));
        }

        Host = host;
        Port = port;
        Generation = generation;
    }

    /// <summary>Host name or IP address (without brackets).</summary>
    public string Host { get; }

    /// <summary>The silo's endpoint port.</summary>
    public int Port { get; }

    /// <summary>Start time of the incarnation, Unix epoch milliseconds; 0 means "not yet assigned".</summary>
    public long Generation { get; }

    /// <summary>The same endpoint with another generation.</summary>
    public SiloAddress WithGeneration(long generation) => new(Host, Port, generation);

    /// <summary>True when both addresses name the same host and port, whatever the generation.</summary>
    public bool IsSameEndpoint(SiloAddress other) => string.Equals(Host, other.Host, StringComparison.Ordinal) && Port == other.Port;

    /// <summary>Ordinal order by host, then port, then generation: the ring order used for probing.</summary>
    public int CompareTo(SiloAddress other)
    {
        var byHost = string.CompareOrdinal(Host, other.Host);
        if (byHost != 0)
        {
            return byHost;
        }

        return Port != other.Port ? Port.CompareTo(other.Port) : Generation.CompareTo(other.Generation);
    }

    /// <summary>Formats as <c>host:port@generation</c>.</summary>
    public override string ToString()
    {
        var host = Host is null ? "" : Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return string.Create(CultureInfo.InvariantCulture, $"{host}:{Port}@{Generation}");
    }

    /// <summary>Parses <c>host:port@generation</c>; throws <see cref="FormatException"/> naming the bad input.</summary>
    public static SiloAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a silo address; expected 'host:port@generation', e.g. '10.0.0.5:11111@1767225600000'.");
    }

    /// <summary>Parses <c>host:port@generation</c> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SiloAddress address)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var at = text.LastIndexOf('@');
        var colon = at < 0 ? -1 : text.LastIndexOf(':', at);
        if (colon <= 0)
        {
            return false;
        }

        if (!long.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || !int.TryParse(text.AsSpan(colon + 1, at - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text.AsSpan(0, colon);
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':'))
        {
            // An IPv6 host must be bracketed, otherwise "::1:80" is ambiguous.
            return false;
        }

        if (host.IsWhiteSpace() || host.ContainsAny('@', '[', ']') || host.ContainsAny(' ', '\t', '/'))
        {
            return false;
        }

        address = new SiloAddress(host.ToString(), port, generation);
        return true;
    }
}
