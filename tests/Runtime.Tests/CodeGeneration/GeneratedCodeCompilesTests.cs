namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Inputs the runtime tests do not exercise, checked for clean compilation (no errors, no warnings) of the generated code.</summary>
public sealed class GeneratedCodeCompilesTests
{
    [Fact]
    public void Awkward_but_valid_grain_interfaces_generate_code_that_compiles_cleanly()
    {
        const string source = """
            namespace Sample;

            public interface ISame : IGrainWithStringKey { Task Run(); }

            public interface IOther : IGrainObserver { Task Run(); }

            // Two bases with a method of the same signature, a keyword-named parameter, nullable types, [Obsolete].
            public interface IBoth : ISame, IOther
            {
                Task<string?> Find(string? @class, int? limit, params string[] tags);

                [Obsolete("use Find")]
                ValueTask<IReadOnlyList<(int Id, string Name)>> Legacy(Dictionary<string, List<int>> map);

                Task Equals(int other);
            }

            public class Outer
            {
                internal interface INested : IGrainWithGuidKey { ValueTask Go(); }
            }

            // Declared in two parts, each with a base list: analysed twice, generated once.
            public partial interface IPartial : IGrainWithStringKey { Task A(); }

            public partial interface IPartial : IGrain { Task B(); }
            """;

        var result = GeneratorHarness.Run(source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Awkward_but_valid_serializable_types_generate_code_that_compiles_cleanly()
    {
        const string source = """
            namespace Sample;

            public enum Mood { Calm, Loud }

            [GenerateSerializer]
            public class WithRequired
            {
                [Id(0)] public required string Name { get; init; }
                [Id(1)] public Mood Mood { get; set; } = Mood.Loud;
                [Id(2)] internal readonly int Version = 1;
                [Id(3)] protected int Hidden { get; set; }
            }

            [GenerateSerializer]
            public record Defaults([property: Id(0)] int Count = -1, [property: Id(1)] double Ratio = 0.5, [property: Id(2)] Mood Mood = Mood.Loud, [property: Id(3)] string? Note = null, [property: Id(4)] char Mark = '\'');

            [GenerateSerializer]
            public record struct MutablePair([property: Id(0)] string Left, [property: Id(1)] string Right);

            [GenerateSerializer]
            public struct WithPrivateField
            {
                [Id(0)] private int _value;
                public WithPrivateField(int value) { _value = value; }
                public int Value => _value;
            }

            public class Container<TKey> where TKey : notnull
            {
                [GenerateSerializer]
                public sealed class Entry<TValue> where TValue : class, new()
                {
                    [Id(0)] public TKey Key { get; set; } = default!;
                    [Id(1)] public TValue? Value { get; set; }
                }
            }

            [GenerateSerializer]
            internal abstract class AbstractBase { [Id(0)] public int A { get; set; } }

            [GenerateSerializer]
            internal sealed class Concrete : AbstractBase { [Id(1)] public int B { get; set; } }

            [GenerateSerializer]
            internal sealed class ByConstructor
            {
                public ByConstructor(string name, int size) { Name = name; Size = size; }
                [Id(0)] public string Name { get; }
                [Id(1)] public int Size { get; }
            }
            """;

        var result = GeneratorHarness.Run(source);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.DoesNotContain(result.GeneratedSources.Keys, name => name.Contains("AbstractBase", StringComparison.Ordinal));
    }

    [Fact]
    public void Interface_inheriting_from_another_assembly_gets_request_classes_for_the_inherited_methods()
    {
        var library = GeneratorHarness.CreateCompilation(
            "namespace Lib; public interface IRemoteBase : IGrainWithStringKey { Task<int> Get(); }",
            "Lib");
        var libraryReference = GeneratorHarness.ToReference(library);

        var result = GeneratorHarness.Run(
            "namespace App; public interface ILocal : Lib.IRemoteBase { Task Other(); }",
            "App",
            libraryReference);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        var requests = Assert.Contains("Lib_IRemoteBase.Requests.g.cs", result.GeneratedSources);
        // FNV-1a 32 of "Lib.IRemoteBase": the inherited request carries the declaring interface's id.
        Assert.Contains("InterfaceId => 0x" + Fnv1a("Lib.IRemoteBase").ToString("X8", System.Globalization.CultureInfo.InvariantCulture) + "u", requests, StringComparison.Ordinal);
    }

    [Fact]
    public void Inherited_requests_already_visible_from_the_other_assembly_are_reused_not_duplicated()
    {
        var library = GeneratorHarness.Run(
            """
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("App")]
            namespace Lib;
            public interface IRemoteBase : IGrainWithStringKey { Task<int> Get(); }
            """,
            "Lib");
        Assert.Empty(library.CompilationProblems);
        var libraryReference = GeneratorHarness.ToReference(library.Output);

        var result = GeneratorHarness.Run(
            "namespace App; public interface ILocal : Lib.IRemoteBase { Task Other(); }",
            "App",
            libraryReference);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.DoesNotContain("Lib_IRemoteBase.Requests.g.cs", result.GeneratedSources.Keys);
    }

    private static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(value))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
