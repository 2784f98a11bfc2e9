namespace OrleansChat.Runtime.Tests.CodeGeneration;

public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("OCG001", "public interface IBad : IGrainWithStringKey { int Count(); }")]
    [InlineData("OCG001", "public interface IBad : IGrainWithStringKey { void Fire(); }")]
    [InlineData("OCG002", "public interface IBad : IGrainWithStringKey { Task Get(ref int value); }")]
    [InlineData("OCG002", "public interface IBad : IGrainWithStringKey { Task Get(out int value); }")]
    [InlineData("OCG002", "public interface IBad : IGrainWithStringKey { Task Get(in int value); }")]
    [InlineData("OCG003", "public interface IBad : IGrainWithStringKey { Task Get<T>(T value); }")]
    [InlineData("OCG004", "public interface IBad<T> : IGrainWithStringKey { Task Get(); }")]
    [InlineData("OCG005", "public interface IBad : IGrainWithStringKey { int Count { get; } }")]
    [InlineData("OCG005", "public interface IBad : IGrainWithStringKey { event Action Changed; }")]
    [InlineData("OCG005", "public interface IBad : IGrainWithStringKey { static abstract Task Create(); }")]
    [InlineData("OCG006", "public interface IBad : IGrainWithStringKey { [Id(1)] Task First(); Task Second(); }")]
    [InlineData("OCG007", "public interface IBad : IGrainWithStringKey { Task Get(System.Threading.CancellationToken cancellationToken); }")]
    [InlineData("OCG008", "public interface IBad : IGrainWithStringKey { Task Get(Span<int> values); }")]
    [InlineData("OCG009", "public class Outer { private interface IBad : IGrainWithStringKey { Task Get(); } }")]
    [InlineData("OCG009", "public class Outer { [GenerateSerializer] private sealed class Bad { [Id(0)] public int Value; } }")]
    [InlineData("OCG010", "public interface IPlain { Task Get(); } public interface IBad : IGrainWithStringKey, IPlain { }")]
    [InlineData("OCG011", "[Alias(\"same\")] public interface IOne : IGrainWithStringKey { Task A(); } [Alias(\"same\")] public interface ITwo : IGrainWithStringKey { Task B(); }")]
    [InlineData("OCG020", "[GenerateSerializer] public class Base { [Id(0)] public int A { get; set; } } [GenerateSerializer] public sealed class Bad : Base { [Id(0)] public int B { get; set; } }")]
    [InlineData("OCG020", "[GenerateSerializer] public sealed class Bad { [Id(0)] public int A; [Id(0)] public int B; }")]
    [InlineData("OCG021", "[GenerateSerializer] public sealed class Bad { [Id(0)] public int Computed => 1; }")]
    [InlineData("OCG022", "[GenerateSerializer] public sealed class Bad { public Bad(int unrelated) { } [Id(0)] public int Value { get; set; } }")]
    [InlineData("OCG023", "[GenerateSerializer] public sealed class Bad { [Id(0)] public int Value { get; set; } public required string Name { get; init; } }")]
    [InlineData("OCG024", "[GenerateSerializer] public sealed class Bad([Id(0)] string name) { public string Name => name; }")]
    [InlineData("OCG090", "namespace A { public interface IB_C : IGrainWithStringKey { Task M(); } } namespace A.IB { public interface C : IGrainWithStringKey { Task M(); } }")]
    public void Invalid_input_is_reported_with_its_diagnostic(string id, string source)
    {
        var result = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.NotEqual(Microsoft.CodeAnalysis.Location.None, diagnostic.Location);
    }

    [Fact]
    public void Invalid_method_message_names_the_method_and_the_allowed_return_types()
    {
        var result = GeneratorHarness.Run("public interface IBad : IGrainWithStringKey { int Count(); }");

        var message = Assert.Single(result.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Count'", message, StringComparison.Ordinal);
        Assert.Contains("Task<T>", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancellationToken_message_says_cancellation_is_not_supported_yet()
    {
        var result = GeneratorHarness.Run("public interface IBad : IGrainWithStringKey { Task Get(System.Threading.CancellationToken token); }");

        var message = Assert.Single(result.GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("not supported yet", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interface_with_errors_gets_no_generated_code()
    {
        var result = GeneratorHarness.Run("public interface IBad : IGrainWithStringKey { int Count(); }");

        Assert.Empty(result.GeneratedSources);
    }
}
