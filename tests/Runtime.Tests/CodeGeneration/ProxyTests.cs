using OrleansChat.Runtime.Generated;
using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

public sealed class ProxyTests
{
    [Fact]
    public async Task Proxy_call_sends_the_methods_request_with_its_arguments_and_ids()
    {
        var invoker = new RecordingInvoker();
        var proxy = invoker.Proxy<ICalculatorGrain>();

        await proxy.Add(2, 3);

        var (reference, sent) = Assert.Single(invoker.Calls);
        Assert.Same(proxy, reference);
        var request = Assert.IsType<OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Add_0_Request>(sent);
        Assert.Equal(2, request.Arg0);
        Assert.Equal(3, request.Arg1);
        Assert.Equal(GrainInterfaceRegistry.Get(typeof(ICalculatorGrain)).InterfaceId, request.InterfaceId);
        Assert.Equal(0, request.MethodId);
        Assert.Equal("Add", request.MethodName);
    }

    [Fact]
    public async Task Proxy_returns_the_result_the_invoker_produces()
    {
        var calculator = new Calculator();
        var proxy = new RecordingInvoker(calculator).Proxy<ICalculatorGrain>();

        Assert.Equal(5, await proxy.Add(2, 3));
        Assert.Equal(5, await proxy.GetTotal());
        Assert.Equal(["#a", "#b"], await proxy.Tag(["a", "b"], "#"));
    }

    [Fact]
    public async Task Request_invoke_calls_the_method_on_the_grain_object()
    {
        var calculator = new Calculator();
        var request = new OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Add_0_Request { Arg0 = 4, Arg1 = 5 };

        var result = await (Task<int>)request.Invoke(calculator);

        Assert.Equal(9, result);
        Assert.Equal(9, calculator.Total);
    }

    [Fact]
    public async Task ValueTask_methods_go_through_the_invoker_and_back()
    {
        var calculator = new Calculator();
        await calculator.Add(1, 1);
        var invoker = new RecordingInvoker(calculator);
        var proxy = invoker.Proxy<ICalculatorGrain>();

        var description = await proxy.Describe("total=");
        await proxy.Touch();

        Assert.Equal("total=2", description);
        Assert.Equal(1, calculator.Touches);
        Assert.IsType<OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Describe_2_Request>(invoker.Calls[0].Request);
        Assert.IsType<OrleansChat_Runtime_Tests_CodeGeneration_ICalculatorGrain_Touch_3_Request>(invoker.Calls[1].Request);
    }

    [Fact]
    public async Task Inherited_method_is_sent_with_the_declaring_interfaces_ids()
    {
        var invoker = new RecordingInvoker(new PoliteGreeter());
        var proxy = invoker.Proxy<IPoliteGreeterGrain>();

        var greeting = await proxy.Greet("Ada");
        var thanks = await proxy.Thank("Ada");

        Assert.Equal("Hello, Ada", greeting);
        Assert.Equal("Thank you, Ada", thanks);
        var inherited = invoker.Calls[0].Request;
        Assert.IsType<OrleansChat_Runtime_Tests_CodeGeneration_IGreeterGrain_Greet_0_Request>(inherited);
        Assert.Equal(GrainInterfaceRegistry.Get(typeof(IGreeterGrain)).InterfaceId, inherited.InterfaceId);
        Assert.Equal(0, inherited.MethodId);
        var own = invoker.Calls[1].Request;
        Assert.Equal(GrainInterfaceRegistry.Get(typeof(IPoliteGreeterGrain)).InterfaceId, own.InterfaceId);
        Assert.Equal(0, own.MethodId);
    }

    [Fact]
    public async Task ReadOnly_and_AlwaysInterleave_methods_mark_their_requests()
    {
        var invoker = new RecordingInvoker();
        var proxy = invoker.Proxy<ICalculatorGrain>();

        await proxy.GetTotal();
        await proxy.Poke();
        await proxy.Reset();

        Assert.True(invoker.Calls[0].Request.IsReadOnly);
        Assert.False(invoker.Calls[0].Request.IsAlwaysInterleave);
        Assert.True(invoker.Calls[1].Request.IsAlwaysInterleave);
        Assert.False(invoker.Calls[1].Request.IsReadOnly);
        Assert.False(invoker.Calls[2].Request.IsReadOnly);
        Assert.False(invoker.Calls[2].Request.IsAlwaysInterleave);
    }

    [Fact]
    public async Task Observer_interfaces_get_proxies_too()
    {
        var invoker = new RecordingInvoker();
        var proxy = invoker.Proxy<IRoomObserver>();
        var greeter = invoker.Proxy<IGreeterGrain>("author");

        await proxy.OnMessage(new ChatLine("ada", "hi", 1), ["bob"], greeter);

        var request = Assert.IsType<OrleansChat_Runtime_Tests_CodeGeneration_IRoomObserver_OnMessage_0_Request>(invoker.LastRequest);
        Assert.Equal("hi", request.Arg0.Text);
        Assert.Same(greeter, request.Arg2);
    }

    [Fact]
    public void Proxy_is_a_grain_reference_with_the_interfaces_id_and_the_grain_id()
    {
        var metadata = GrainInterfaceRegistry.Get(typeof(ICalculatorGrain));

        var reference = metadata.CreateReference(new RecordingInvoker(), new GrainId("calculator", "c1"));

        Assert.IsAssignableFrom<ICalculatorGrain>(reference);
        Assert.Equal(metadata.InterfaceId, reference.InterfaceId);
        Assert.Equal(new GrainId("calculator", "c1"), reference.GrainId);
    }
}
