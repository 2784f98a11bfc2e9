namespace OrleansChat.Runtime.Activation;

/// <summary>Where an activation is in its life.</summary>
internal enum ActivationState
{
    /// <summary>Constructing the grain, reading state, running OnActivateAsync; requests wait.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Finishing running requests and OnDeactivateAsync; new requests wait and then move to a new activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog; nothing runs here any more.</summary>
    Invalid,
}
