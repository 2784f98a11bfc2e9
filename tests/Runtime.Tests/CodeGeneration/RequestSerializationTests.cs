using OrleansChat.Runtime.Generated;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

public sealed class RequestSerializationTests
{
    [Fact]
    public void WriteArguments_and_ReadArguments_round_trip_the_arguments()
    {
        var sent = new OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Tag_6_Request { Arg0 = ["a", "b"], Arg1 = "#" };

        var received = (OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Tag_6_Request)RoundTrip(sent);

        Assert.Equal(["a", "b"], received.Arg0);
        Assert.Equal("#", received.Arg1);
    }

    [Fact]
    public void ReadArguments_skips_arguments_added_by_a_newer_caller()
    {
        var writer = new Writer(64);
        try
        {
            writer.WriteField(0u, 40);
            writer.WriteField(9u, "an argument this version does not have");
            writer.WriteField(1u, 2);
            var request = GrainInterfaceRegistry.Get(typeof(ICalculatorGrain)).CreateRequest(0)!;
            var reader = new Reader(writer.WrittenSpan);
            request.ReadArguments(ref reader);

            var add = Assert.IsType<OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Add_0_Request>(request);
            Assert.Equal(40, add.Arg0);
            Assert.Equal(2, add.Arg1);
        }
        finally
        {
            writer.Dispose();
        }
    }

    [Fact]
    public void CopyArguments_copies_a_list_but_shares_a_string()
    {
        var items = new List<string> { "a" };
        var label = new string('x', 3);
        var request = new OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Tag_6_Request { Arg0 = items, Arg1 = label };

        request.CopyArguments();

        Assert.NotSame(items, request.Arg0);
        Assert.Equal(items, request.Arg0);
        Assert.Same(label, request.Arg1);
    }

    [Fact]
    public void CopyArguments_shares_Immutable_parameters_and_grain_references()
    {
        var mentions = new List<string> { "bob" };
        var line = new ChatLine("ada", "hi", 1);
        var author = new RecordingInvoker().Proxy<IGreeterGrain>();
        var request = new OrleansChat_Runtime_Tests_CodeGeneration_IRoomObserver_OnMessage_0_Request { Arg0 = line, Arg1 = mentions, Arg2 = author };

        request.CopyArguments();

        Assert.NotSame(line, request.Arg0);
        Assert.Equal(line, request.Arg0);
        Assert.Same(mentions, request.Arg1);
        Assert.Same(author, request.Arg2);
    }

    [Fact]
    public async Task CopyResult_shares_an_immutable_result_and_copies_a_mutable_one()
    {
        var immutable = Task.FromResult(3);
        var list = new List<string> { "a" };

        var sharedResult = new OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Add_0_Request().CopyResult(immutable);
        var copiedList = await (Task<List<string>>)new OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Tag_6_Request().CopyResult(Task.FromResult(list));

        Assert.Same(immutable, sharedResult);
        Assert.NotSame(list, copiedList);
        Assert.Equal(list, copiedList);
    }

    private static Request RoundTrip(Request sent)
    {
        var writer = new Writer(64);
        try
        {
            sent.WriteArguments(ref writer);
            var received = GrainInterfaceRegistry.Find(sent.InterfaceId)!.CreateRequest(sent.MethodId)!;
            var reader = new Reader(writer.WrittenSpan);
            received.ReadArguments(ref reader);
            return received;
        }
        finally
        {
            writer.Dispose();
        }
    }
}
