namespace OrleansChat.Runtime.Membership;

/// <summary>A silo incarnation to probe and the UDP port its responder listens on.</summary>
internal readonly record struct ProbeTarget(SiloAddress Silo, int ProbePort);
