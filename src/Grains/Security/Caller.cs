namespace OrleansChat.Grains.Security;

/// <summary>The authenticated identity a grain call runs for.</summary>
internal readonly record struct Caller(string UserId, bool IsGuest);
