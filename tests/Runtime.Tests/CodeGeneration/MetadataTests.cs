using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

public sealed class MetadataTests
{
    [Fact]
    public void Interface_id_is_the_FNV_1a_hash_of_the_full_name()
    {
        // Computed outside the generator: FNV-1a 32 of "OrleansChat.Runtime.Tests.CodeGeneration.ICalculatorGrain".
        Assert.Equal(0xA4BE5A7Du, GrainInterfaceRegistry.Get(typeof(ICalculatorGrain)).InterfaceId);
    }

    [Fact]
    public void Alias_replaces_the_full_name_as_the_input_of_the_interface_id()
    {
        // FNV-1a 32 of "foobar" is a published test vector.
        Assert.Equal(0xBF9CF968u, GrainInterfaceRegistry.Get(typeof(IAliasedGrain)).InterfaceId);
    }

    [Fact]
    public void Generated_metadata_is_registered_and_found_by_id()
    {
        var metadata = GrainInterfaceRegistry.Get(typeof(IPoliteGreeterGrain));

        Assert.Same(metadata, GrainInterfaceRegistry.Find(metadata.InterfaceId));
        Assert.Equal(typeof(IPoliteGreeterGrain), metadata.InterfaceType);
    }

    [Fact]
    public void Method_count_counts_declared_methods_only()
    {
        Assert.Equal(7, GrainInterfaceRegistry.Get(typeof(ICalculatorGrain)).MethodCount);
        Assert.Equal(1, GrainInterfaceRegistry.Get(typeof(IPoliteGreeterGrain)).MethodCount);
    }

    [Fact]
    public void CreateRequest_makes_an_empty_request_per_method_id_and_null_out_of_range()
    {
        var metadata = GrainInterfaceRegistry.Get(typeof(ICalculatorGrain));

        for (var methodId = 0; methodId < metadata.MethodCount; methodId++)
        {
            var request = metadata.CreateRequest(methodId);
            Assert.NotNull(request);
            Assert.Equal(methodId, request.MethodId);
            Assert.Equal(metadata.InterfaceId, request.InterfaceId);
        }

        Assert.Null(metadata.CreateRequest(metadata.MethodCount));
        Assert.Null(metadata.CreateRequest(-1));
    }

    [Fact]
    public void Id_attribute_pins_method_ids_regardless_of_declaration_order()
    {
        var metadata = GrainInterfaceRegistry.Get(typeof(IPinnedIdGrain));

        Assert.Equal("First", metadata.CreateRequest(3)?.MethodName);
        Assert.Equal("Second", metadata.CreateRequest(7)?.MethodName);
        Assert.Null(metadata.CreateRequest(0));
        Assert.Equal(2, metadata.MethodCount);
    }
}
