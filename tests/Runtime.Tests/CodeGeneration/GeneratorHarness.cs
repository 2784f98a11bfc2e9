using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OrleansChat.Runtime.CodeGenerator;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Runs the generator over source text in memory, as the compiler would in a consuming project.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IGrain).Assembly.Location))
            .ToImmutableArray());

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    /// <summary>The result of one generator run.</summary>
    /// <param name="GeneratorDiagnostics">What the generator reported.</param>
    /// <param name="Output">The compilation with the generated sources added.</param>
    /// <param name="GeneratedSources">Hint name to generated text.</param>
    public sealed record Result(ImmutableArray<Diagnostic> GeneratorDiagnostics, Compilation Output, IReadOnlyDictionary<string, string> GeneratedSources)
    {
        /// <summary>Errors and warnings of the output compilation, for asserting that generated code compiles cleanly.</summary>
        public IReadOnlyList<Diagnostic> CompilationProblems =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    public static Result Run(string source, string assemblyName = "Sample", params MetadataReference[] extraReferences)
    {
        var compilation = CreateCompilation(source, assemblyName, extraReferences);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new GrainCodeGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var generated = driver.GetRunResult().GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.ToString());
        return new Result(diagnostics, output, generated);
    }

    public static CSharpCompilation CreateCompilation(string source, string assemblyName, params MetadataReference[] extraReferences) =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(Usings + source, ParseOptions, path: "Sample.cs")],
            FrameworkReferences.Value.AddRange(extraReferences),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Compiles <paramref name="compilation"/> to an in-memory assembly that another compilation can reference.</summary>
    public static MetadataReference ToReference(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OrleansChat.Runtime;

        """;
}
