namespace OrleansChat.Runtime.Messaging;

/// <summary>What kind of process sits at the other end of a connection.</summary>
internal enum ConnectionRole : byte
{
    Silo = 1,

    /// <summary>An external client (the gateway); it never hosts grains.</summary>
    Client = 2,
}
