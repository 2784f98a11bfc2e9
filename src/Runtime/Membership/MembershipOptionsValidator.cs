using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Membership;

/// <summary>Checks <see cref="MembershipOptions"/> at start-up, with messages that name the setting.</summary>
internal sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    /// <summary>Largest cluster id in UTF-8 bytes: it travels in a one-byte length field of every probe.</summary>
    public const int MaxClusterIdBytes = 255;

    public ValidateOptionsResult Validate(string? name, MembershipOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> when invalid; for code that builds the service without a host.</summary>
    public static void ThrowIfInvalid(MembershipOptions options)
    {
        var errors = Errors(options).ToList();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(MembershipOptions), errors);
        }
    }

    private static IEnumerable<string> Errors(MembershipOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.ClusterId))
        {
            yield return "Membership: ClusterId is required.";
        }
        else if (Encoding.UTF8.GetByteCount(o.ClusterId) > MaxClusterIdBytes)
        {
            yield return $"Membership: ClusterId must be at most {MaxClusterIdBytes} bytes of UTF-8.";
        }

        if (o.LocalSiloAddress.Host is null)
        {
            yield return "Membership: LocalSiloAddress (host and port of this silo) is required.";
        }

        if (o.ProbePort is < 0 or > 65535)
        {
            yield return "Membership: ProbePort must be null (same as the silo port), 0 (any free port) or 1..65535.";
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(o.ProbeTimeout), o.ProbeTimeout),
            (nameof(o.DeathVoteExpiration), o.DeathVoteExpiration),
            (nameof(o.IAmAliveTablePublishTimeout), o.IAmAliveTablePublishTimeout),
            (nameof(o.TableRefreshTimeout), o.TableRefreshTimeout),
            (nameof(o.TableOperationTimeout), o.TableOperationTimeout),
            (nameof(o.DefunctSiloCleanupAge), o.DefunctSiloCleanupAge),
            (nameof(o.DefunctSiloCleanupPeriod), o.DefunctSiloCleanupPeriod),
            (nameof(o.IsolationTimeout), o.EffectiveIsolationTimeout),
        })
        {
            if (value < TimeSpan.FromMilliseconds(10) || value > TimeSpan.FromDays(365))
            {
                yield return $"Membership: {setting} must be between 10 ms and 365 days (was {value}).";
            }
        }

        if (o.NumMissedProbesLimit is < 1 or > 100)
        {
            yield return "Membership: NumMissedProbesLimit must be between 1 and 100.";
        }

        if (o.NumProbedSilos is < 1 or > 100)
        {
            yield return "Membership: NumProbedSilos must be between 1 and 100.";
        }

        if (o.NumVotesForDeathDeclaration is < 1 or > 100)
        {
            yield return "Membership: NumVotesForDeathDeclaration must be between 1 and 100.";
        }

        if (o.MaxCasAttempts is < 1 or > 1000)
        {
            yield return "Membership: MaxCasAttempts must be between 1 and 1000.";
        }

        // The second voter acts up to one probe round after the first; a vote that expires
        // sooner than that could never meet another one.
        if (o.DeathVoteExpiration.TotalMilliseconds <= o.ProbeTimeout.TotalMilliseconds * (o.NumMissedProbesLimit + 1.0))
        {
            yield return "Membership: DeathVoteExpiration must be longer than ProbeTimeout x (NumMissedProbesLimit + 1), or votes expire before a second monitor can agree.";
        }

        // Sooner than that, an isolated silo would stop before its peers could even suspect it.
        if (o.EffectiveIsolationTimeout.TotalMilliseconds <= o.ProbeTimeout.TotalMilliseconds * (o.NumMissedProbesLimit + 1.0))
        {
            yield return "Membership: IsolationTimeout must be longer than ProbeTimeout x (NumMissedProbesLimit + 1), or a silo could stop itself before its peers would declare it dead.";
        }
    }
}
