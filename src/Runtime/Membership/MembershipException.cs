namespace OrleansChat.Runtime.Membership;

/// <summary>A membership operation could not complete: join refused, probe port unavailable, retries exhausted.</summary>
public sealed class MembershipException : Exception
{
    public MembershipException(string message)
        : base(message)
    {
    }

    public MembershipException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
