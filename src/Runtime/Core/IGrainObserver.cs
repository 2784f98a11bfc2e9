namespace OrleansChat.Runtime;

/// <summary>Marker for observer interfaces: objects outside grains (for example a gateway node) that grains can call.</summary>
public interface IGrainObserver : IAddressable;
