using System.Globalization;
using System.Security.Claims;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// The identity of a validated access token: the claims the gateway reads, kept as their values
/// and handed out as <see cref="Claim"/> objects only when asked for.
/// </summary>
/// <remarks>
/// A hub connection keeps its principal for as long as it is open. Five <see cref="Claim"/>
/// objects and their list cost about half a kilobyte per idle connection, the values alone less
/// than a third of that (issue 8's memory per idle connection). Claims added later (<see
/// cref="ClaimsIdentity.AddClaim"/>) are kept and listed as usual.
/// </remarks>
internal sealed class AccessTokenIdentity : ClaimsIdentity
{
    private readonly KeptClaim[] _kept;
    private readonly string _issuer;

    /// <param name="kept">Type, value and value type of each claim, in order.</param>
    /// <param name="issuer">The (validated) issuer of every kept claim.</param>
    public AccessTokenIdentity(KeptClaim[] kept, string issuer)
        : base(ChatBearerDefaults.Scheme, ChatClaims.Username, roleType: null)
    {
        _kept = kept;
        _issuer = issuer;
    }

    /// <summary>
    /// The identity of a token that says who (<paramref name="userId"/>, <paramref name="sessionId"/>,
    /// <paramref name="username"/>), whether a guest, and until when: the same claims, in the same
    /// order, whether an access token or a hub token said it.
    /// </summary>
    public static AccessTokenIdentity Of(string userId, string sessionId, string username, bool? guest, long? expiresAtSeconds, string issuer)
    {
        var kept = new List<KeptClaim>(capacity: 5)
        {
            new(ChatClaims.UserId, userId, ClaimValueTypes.String),
            new(ChatClaims.SessionId, sessionId, ClaimValueTypes.String),
            new(ChatClaims.Username, username, ClaimValueTypes.String),
        };
        if (guest is { } isGuest)
        {
            kept.Add(new(ChatClaims.Guest, isGuest ? "true" : "false", ClaimValueTypes.Boolean));
        }

        if (expiresAtSeconds is { } expires)
        {
            kept.Add(new("exp", expires.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        return new AccessTokenIdentity([.. kept], issuer);
    }

    public override IEnumerable<Claim> Claims
    {
        get
        {
            foreach (var kept in _kept)
            {
                yield return ToClaim(kept);
            }

            foreach (var added in base.Claims)
            {
                yield return added;
            }
        }
    }

    /// <summary>The first claim of <paramref name="type"/>; only that one is made into a <see cref="Claim"/>.</summary>
    public override Claim? FindFirst(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        foreach (var kept in _kept)
        {
            if (string.Equals(kept.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                return ToClaim(kept);
            }
        }

        // Claims added later; base.Claims lists only those, base.FindFirst would list the kept ones again.
        foreach (var added in base.Claims)
        {
            if (string.Equals(added.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                return added;
            }
        }

        return null;
    }

    private Claim ToClaim(KeptClaim kept) => new(kept.Type, kept.Value, kept.ValueType, _issuer, _issuer, this);

    /// <summary>One claim of a token, without its issuer (the same for all of them).</summary>
    internal readonly record struct KeptClaim(string Type, string Value, string ValueType);
}
