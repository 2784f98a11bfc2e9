namespace OrleansChat.Runtime.Membership;

/// <summary>A view plus the database's clock at the moment it was read, for vote freshness.</summary>
internal sealed record MembershipSnapshot(MembershipView View, DateTimeOffset DatabaseNow)
{
    public long Version => View.Version;
}
