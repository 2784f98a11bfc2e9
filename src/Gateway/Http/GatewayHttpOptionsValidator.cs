using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Http;

/// <summary>
/// Refuses HTTP settings that would weaken the browser-facing defaults: a CSP allowing inline or
/// eval'd script or framing, wildcard or malformed origins, unparsable proxy addresses.
/// </summary>
internal sealed class GatewayHttpOptionsValidator : IValidateOptions<GatewayHttpOptions>
{
    private static readonly string[] ScriptDirectives = ["default-src", "script-src", "script-src-elem", "script-src-attr"];

    public ValidateOptionsResult Validate(string? name, GatewayHttpOptions options)
    {
        var failures = new List<string>();
        ValidateCsp(options.ContentSecurityPolicy, failures);

        foreach (var origin in options.AllowedOrigins)
        {
            if (!OriginPolicy.TryNormalize(origin, out _))
            {
                failures.Add($"{GatewayHttpOptions.SectionName}:AllowedOrigins entry '{origin}' is not an origin: use scheme://host[:port] with http or https, no path, no wildcard.");
            }
        }

        foreach (var proxy in options.TrustedProxies)
        {
            if (!IPAddress.TryParse(proxy, out _))
            {
                failures.Add($"{GatewayHttpOptions.SectionName}:TrustedProxies entry '{proxy}' is not an IP address.");
            }
        }

        if (options.HstsMaxAge < TimeSpan.Zero)
        {
            failures.Add($"{GatewayHttpOptions.SectionName}:HstsMaxAge must not be negative.");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            failures.Add($"{GatewayHttpOptions.SectionName}:MaxRequestBodyBytes must be between 1 KiB and 1 GiB; it is {options.MaxRequestBodyBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCsp(string? csp, List<string> failures)
    {
        const string Key = GatewayHttpOptions.SectionName + ":ContentSecurityPolicy";
        if (string.IsNullOrWhiteSpace(csp) || csp.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            failures.Add($"{Key} must be a non-empty, single-line policy.");
            return;
        }

        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length > 0)
            .ToDictionary(parts => parts[0].ToLowerInvariant(), parts => parts[1..], StringComparer.Ordinal);

        if (!directives.TryGetValue("frame-ancestors", out var ancestors) || ancestors is not ["'none'"])
        {
            failures.Add($"{Key} must contain frame-ancestors 'none' (the app must not be framed: clickjacking).");
        }

        foreach (var directive in ScriptDirectives)
        {
            if (directives.TryGetValue(directive, out var sources)
                && sources.Any(s => s.Equals("'unsafe-inline'", StringComparison.OrdinalIgnoreCase)
                    || s.Equals("'unsafe-eval'", StringComparison.OrdinalIgnoreCase)
                    || s == "*"))
            {
                failures.Add($"{Key} must not allow inline, eval'd or any-origin script ({directive}).");
            }
        }

        if (!directives.ContainsKey("default-src") && !directives.ContainsKey("script-src"))
        {
            failures.Add($"{Key} must restrict scripts with default-src or script-src.");
        }
    }
}
