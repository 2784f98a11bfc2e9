namespace OrleansChat.Runtime;

/// <summary>Marker interface for grain interfaces. Proxies are generated for every interface that extends it.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain keyed by a string (all chat grains are).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>A grain keyed by a GUID; the key travels as its 32-digit "N" form.</summary>
public interface IGrainWithGuidKey : IGrain;
