namespace OrleansChat.Runtime;

/// <summary>Marker for anything that can be the target of a runtime call: grains and observers.</summary>
public interface IAddressable;
