namespace OrleansChat.Gateway.Http;

/// <summary>An error code with the HTTP status and short title every response carrying it uses.</summary>
public sealed record ErrorDescriptor(string Code, int Status, string Title);
