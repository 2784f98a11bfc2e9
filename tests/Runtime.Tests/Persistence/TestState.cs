namespace OrleansChat.Runtime.Tests.Persistence;

/// <summary>State used by the storage tests; serialized by the hand-written <see cref="TestStateCodec"/>.</summary>
public sealed record TestState(string Name, int Count)
{
    /// <summary>Makes sure the codec is registered before any test serializes a <see cref="TestState"/>.</summary>
    public static void EnsureCodec()
    {
        OrleansChat.Runtime.Serialization.CodecProvider.Register(new TestStateCodec());
        OrleansChat.Runtime.Serialization.CodecProvider.Register(new OpaqueStateCodec());
    }
}
