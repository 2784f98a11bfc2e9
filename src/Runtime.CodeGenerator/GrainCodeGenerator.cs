using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OrleansChat.Runtime.CodeGenerator.Analysis;
using OrleansChat.Runtime.CodeGenerator.Emit;
using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator;

/// <summary>
/// Generates, for the compilation it runs in: a proxy, a metadata class and one request class per
/// method for every grain and observer interface; a codec for every [GenerateSerializer] type; and a
/// module initializer that registers them all. See README.md in this project for names and rules.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (syntax, cancellationToken) =>
                    syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellationToken) is INamedTypeSymbol symbol
                        ? GrainInterfaceAnalyzer.Analyze(symbol, syntax.SemanticModel.Compilation, cancellationToken)
                        : null)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.GrainInterfaces)
            .Collect();

        var serializableTypes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "OrleansChat.Runtime.GenerateSerializerAttribute",
                static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                static (syntax, cancellationToken) =>
                    SerializableTypeAnalyzer.Analyze((INamedTypeSymbol)syntax.TargetSymbol, syntax.SemanticModel.Compilation, cancellationToken))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.SerializableTypes)
            .Collect();

        var assemblyName = context.CompilationProvider.Select(static (c, _) => c.AssemblyName);
        context.RegisterSourceOutput(interfaces.Combine(serializableTypes).Combine(assemblyName), static (spc, input) =>
            Generate(spc, input.Left.Left, input.Left.Right, input.Right));
    }

    private static void Generate(SourceProductionContext context, ImmutableArray<GrainInterfaceModel> interfaceModels, ImmutableArray<SerializableTypeModel> typeModels, string? assemblyName)
    {
        // Partial declarations produce one model each; keep the first.
        var grainInterfaces = interfaceModels.GroupBy(static m => m.Self.FullName).Select(static g => g.First()).OrderBy(static m => m.Self.FullName, System.StringComparer.Ordinal).ToList();
        var serializable = typeModels.GroupBy(static m => m.FullName).Select(static g => g.First()).OrderBy(static m => m.FullName, System.StringComparer.Ordinal).ToList();

        foreach (var diagnostic in grainInterfaces.SelectMany(static m => m.Diagnostics).Concat(serializable.SelectMany(static m => m.Diagnostics)).Distinct())
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        var generatable = grainInterfaces.Where(static m => m.CanGenerate).ToList();
        var codecs = serializable.Where(static m => m.CanGenerate).ToList();
        if (!CheckUnique(context, generatable, codecs))
        {
            return;
        }

        // Request classes: one set per declaring interface, whether declared here or inherited from another assembly.
        var requestOwners = generatable
            .SelectMany(static m => new[] { m.Self }.Concat(m.BaseInterfaces))
            .Where(static i => !i.RequestsExistElsewhere)
            .GroupBy(static i => i.FullName)
            .Select(static g => g.First());
        foreach (var owner in requestOwners)
        {
            if (owner.Methods.Count > 0)
            {
                context.AddSource(owner.MangledName + ".Requests.g.cs", InterfaceEmitter.Requests(owner));
            }
        }

        foreach (var model in generatable)
        {
            context.AddSource(model.Self.MangledName + ".Proxy.g.cs", InterfaceEmitter.ProxyAndMetadata(model));
        }

        foreach (var codec in codecs)
        {
            context.AddSource(codec.CodecClassName + ".g.cs", CodecEmitter.Write(codec));
        }

        if (generatable.Count > 0 || codecs.Count > 0)
        {
            var className = RegistrationEmitter.ClassName(assemblyName);
            context.AddSource(className + ".g.cs", RegistrationEmitter.Write(className, generatable.Select(static m => m.Self).ToList(), codecs));
        }
    }

    /// <summary>Reports generated-name collisions (OCG090) and interface-id collisions (OCG011); true when there are none.</summary>
    private static bool CheckUnique(SourceProductionContext context, List<GrainInterfaceModel> interfaces, List<SerializableTypeModel> codecs)
    {
        var ok = true;
        var names = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var reported = new HashSet<(string, string)>();
        void Claim(string generatedName, string owner, LocationInfo? location)
        {
            if (names.TryGetValue(generatedName, out var existing))
            {
                if (existing != owner && reported.Add((existing, owner)))
                {
                    context.ReportDiagnostic(DiagnosticInfo.Create(Diagnostics.GeneratedNameCollision, location, existing, owner, generatedName).ToDiagnostic());
                    ok = false;
                }

                return;
            }

            names.Add(generatedName, owner);
        }

        foreach (var owner in interfaces.SelectMany(static m => new[] { m.Self }.Concat(m.BaseInterfaces)))
        {
            Claim(owner.MangledName + "_Proxy", owner.FullName, owner.Location);
            Claim(owner.MangledName + "_Metadata", owner.FullName, owner.Location);
            foreach (var method in owner.Methods)
            {
                Claim(method.RequestClassName, owner.FullName, owner.Location);
            }
        }

        foreach (var codec in codecs)
        {
            Claim(codec.CodecClassName + "`" + codec.TypeParameters.Count, codec.FullName, codec.Location);
        }

        var ids = new Dictionary<uint, string>();
        foreach (var owner in interfaces.SelectMany(static m => new[] { m.Self }.Concat(m.BaseInterfaces)))
        {
            if (ids.TryGetValue(owner.InterfaceId, out var existing))
            {
                if (existing != owner.FullName)
                {
                    context.ReportDiagnostic(DiagnosticInfo.Create(Diagnostics.DuplicateInterfaceId, owner.Location, existing, owner.FullName, owner.InterfaceId.ToString("X8", System.Globalization.CultureInfo.InvariantCulture)).ToDiagnostic());
                    ok = false;
                }

                continue;
            }

            ids.Add(owner.InterfaceId, owner.FullName);
        }

        return ok;
    }
}
