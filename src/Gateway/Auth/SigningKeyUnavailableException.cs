namespace OrleansChat.Gateway.Auth;

/// <summary>No usable signing key: none could be loaded, or the stored ones cannot be decrypted with the configured secret.</summary>
public sealed class SigningKeyUnavailableException : Exception
{
    public SigningKeyUnavailableException()
    {
    }

    public SigningKeyUnavailableException(string message)
        : base(message)
    {
    }

    public SigningKeyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
