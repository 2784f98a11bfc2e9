using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OrleansChat.Runtime.CodeGenerator;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>The generator runs on every keystroke in an IDE; its models must compare by value so unrelated edits reuse the last run.</summary>
public sealed class IncrementalCachingTests
{
    [Fact]
    public void Editing_an_unrelated_file_reuses_the_analysed_models()
    {
        var compilation = GeneratorHarness.CreateCompilation(
            """
            namespace Sample;
            public interface IRoom : IGrainWithStringKey { Task<int> Join(string user); }
            [GenerateSerializer] public sealed record Member([property: Id(0)] string Name);
            """,
            "Sample");
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new GrainCodeGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Sample; public static class Unrelated { public const int Answer = 42; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.GrainInterfaces, TrackingNames.SerializableTypes })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} was {o.Reason}; expected Cached or Unchanged after an unrelated edit."));
        }
    }
}
