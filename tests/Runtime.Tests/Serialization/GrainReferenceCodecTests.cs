using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class GrainReferenceCodecTests
{
    private const uint BaseInterfaceId = 0x5E71_0001;
    private const uint DerivedInterfaceId = 0x5E71_0002;

    static GrainReferenceCodecTests() => GrainInterfaceRegistry.Register(new DerivedMetadata());

    private readonly FakeGrainFactory _factory = new();

    [Fact]
    public void A_reference_round_trips_through_the_session_grain_factory()
    {
        IRefTestGrain original = new FakeReference(new GrainId("room", "general"), BaseInterfaceId);

        var copy = Wire.RoundTrip(original, new SerializerSession(_factory))!;

        var reference = Assert.IsType<FakeReference>(copy);
        Assert.Equal(new GrainId("room", "general"), reference.GrainId);
        Assert.Equal(typeof(IRefTestGrain), Assert.Single(_factory.Requested));
    }

    [Fact]
    public void A_reference_to_a_derived_interface_comes_back_as_that_interface()
    {
        IRefTestGrain original = new FakeReference(new GrainId("room", "derived"), DerivedInterfaceId);

        var copy = Wire.RoundTrip(original, new SerializerSession(_factory));

        Assert.IsAssignableFrom<IRefTestDerivedGrain>(copy);
        Assert.Equal(typeof(IRefTestDerivedGrain), Assert.Single(_factory.Requested));
    }

    [Fact]
    public void A_field_typed_as_grain_reference_is_rebuilt_from_its_interface_id()
    {
        GrainReference original = new FakeReference(new GrainId("user", "ünïcode key"), DerivedInterfaceId);

        var copy = Wire.RoundTrip(original, new SerializerSession(_factory));

        Assert.Equal(original, copy);
        Assert.Equal(typeof(IRefTestDerivedGrain), Assert.Single(_factory.Requested));
    }

    [Fact]
    public void A_null_reference_round_trips_without_a_session()
    {
        Assert.Null(Wire.RoundTrip<IRefTestGrain?>(null));
    }

    [Fact]
    public void Reading_a_reference_without_a_session_is_a_clear_error()
    {
        var data = Serializer.Serialize<IRefTestGrain>(new FakeReference(new GrainId("room", "a"), BaseInterfaceId));

        var error = Assert.Throws<WireFormatException>(() => Serializer.Deserialize<IRefTestGrain>(data));

        Assert.Contains("SerializerSession", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_runtime_references_can_be_written()
    {
        var error = Assert.Throws<NotSupportedException>(() => Serializer.Serialize<IRefTestGrain>(new NotAReference()));
        Assert.Contains("runtime references", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_with_an_invalid_grain_id_is_refused()
    {
        var data = Wire.Object((ref Writer writer) =>
        {
            writer.WriteField(0, "room");
            writer.WriteField(1, "");
        });

        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<IRefTestGrain>(data, new SerializerSession(_factory)));
    }

    [Fact]
    public void References_are_shared_by_the_deep_copier_even_inside_collections()
    {
        IRefTestGrain reference = new FakeReference(new GrainId("room", "x"), BaseInterfaceId);
        Assert.True(DeepCopier.IsShallowCopyable<IRefTestGrain>());
        Assert.True(DeepCopier.IsShallowCopyable<GrainReference>());
        Assert.Same(reference, DeepCopier.Copy(reference));

        // No session is needed: the copy passes references through instead of rebuilding them.
        var members = new List<IRefTestGrain> { reference, reference };
        var copy = DeepCopier.Copy(members);
        Assert.NotSame(members, copy);
        Assert.All(copy, member => Assert.Same(reference, member));
    }

    internal interface IRefTestGrain : IGrainWithStringKey;

    internal interface IRefTestDerivedGrain : IRefTestGrain;

    private sealed class FakeReference(GrainId grainId, uint interfaceId) : GrainReference(new ThrowingInvoker(), grainId), IRefTestDerivedGrain
    {
        public override uint InterfaceId => interfaceId;
    }

    private sealed class NotAReference : IRefTestGrain;

    private sealed class FakeGrainFactory : IGrainFactory
    {
        public List<Type> Requested { get; } = [];

        public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
            where TGrainInterface : IGrainWithStringKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
            where TGrainInterface : IGrainWithGuidKey => throw new NotSupportedException();

        public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
            where TGrainInterface : IAddressable
        {
            Requested.Add(typeof(TGrainInterface));
            var id = typeof(TGrainInterface) == typeof(IRefTestDerivedGrain) ? DerivedInterfaceId : BaseInterfaceId;
            return (TGrainInterface)(object)new FakeReference(grainId, id);
        }

        public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver observer)
            where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();

        public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver observer)
            where TGrainObserverInterface : IGrainObserver => throw new NotSupportedException();
    }

    private sealed class ThrowingInvoker : IGrainCallInvoker
    {
        public Task InvokeAsync(GrainReference target, Request request) => throw new NotSupportedException();

        public Task<TResult> InvokeAsync<TResult>(GrainReference target, Request<TResult> request) => throw new NotSupportedException();
    }

    private sealed class DerivedMetadata : GrainInterfaceMetadata
    {
        public override Type InterfaceType => typeof(IRefTestDerivedGrain);

        public override uint InterfaceId => DerivedInterfaceId;

        public override int MethodCount => 0;

        public override GrainReference CreateReference(IGrainCallInvoker invoker, GrainId grainId) => new FakeReference(grainId, DerivedInterfaceId);

        public override Request? CreateRequest(int methodId) => null;
    }
}
