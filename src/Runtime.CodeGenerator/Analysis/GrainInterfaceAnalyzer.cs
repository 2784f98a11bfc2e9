using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator.Analysis;

/// <summary>Turns a grain or observer interface symbol into a <see cref="GrainInterfaceModel"/>, reporting what cannot be generated.</summary>
internal static class GrainInterfaceAnalyzer
{
    public static GrainInterfaceModel? Analyze(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var known = KnownTypes.For(compilation);
        if (!known.IsGrainOrObserverInterface(type))
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var location = type.Locations.FirstOrDefault();
        if (!Naming.IsAccessibleToGeneratedCode(type, compilation))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InaccessibleType, location, type.ToDisplayString()));
        }

        var self = Describe(type, compilation, known, diagnostics, reportAt: null);
        var bases = new List<InterfaceModel>();
        foreach (var baseInterface in type.AllInterfaces)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (known.IsMarkerInterface(baseInterface))
            {
                continue;
            }

            if (!known.IsGrainOrObserverInterface(baseInterface))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NonGrainBaseInterface, location, type.ToDisplayString(), baseInterface.ToDisplayString()));
                continue;
            }

            // A base declared here reports its own problems when it is analysed itself; one from another
            // assembly has no other chance, so its problems are reported on this interface.
            var declaredHere = SymbolEqualityComparer.Default.Equals(baseInterface.ContainingAssembly, compilation.Assembly);
            bases.Add(Describe(baseInterface, compilation, known, declaredHere ? new List<DiagnosticInfo>() : diagnostics, reportAt: declaredHere ? null : location));
        }

        return new GrainInterfaceModel(self, bases.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static InterfaceModel Describe(INamedTypeSymbol type, Compilation compilation, KnownTypes known, List<DiagnosticInfo> diagnostics, Location? reportAt)
    {
        var errorsBefore = diagnostics.Count;
        var fullName = Naming.FullName(type, includeArity: false);
        var alias = KnownTypes.AttributeArgument(type, known.AliasAttribute) as string;
        var interfaceId = Naming.Fnv1a32(alias ?? fullName);
        var mangled = Naming.Mangle(Naming.FullName(type, includeArity: true));
        var typeLocation = reportAt ?? type.Locations.FirstOrDefault();
        var display = type.ToDisplayString();

        if (Naming.AllTypeParameters(type).Length > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericInterface, typeLocation, display));
        }

        var methods = new List<MethodModel>();
        var declaredMethods = 0;
        var usedIds = new Dictionary<int, string>();
        foreach (var member in type.GetMembers())
        {
            if (member.IsStatic)
            {
                // A proxy is a class: it cannot supply static abstract members, so they rule the interface out.
                if (member.IsAbstract)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NonMethodMember, reportAt ?? member.Locations.FirstOrDefault(), member.Name, "static abstract member", display));
                }

                continue;
            }

            switch (member)
            {
                case IPropertySymbol property:
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NonMethodMember, reportAt ?? property.Locations.FirstOrDefault(), property.Name, property.IsIndexer ? "indexer" : "property", display));
                    continue;
                case IEventSymbol @event:
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NonMethodMember, reportAt ?? @event.Locations.FirstOrDefault(), @event.Name, "event", display));
                    continue;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    var index = declaredMethods++;
                    var model = DescribeMethod(method, index, mangled, known, diagnostics, reportAt);
                    if (model is null)
                    {
                        continue;
                    }

                    if (usedIds.TryGetValue(model.MethodId, out var previous))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(
                            Diagnostics.DuplicateMethodId,
                            reportAt ?? method.Locations.FirstOrDefault(),
                            method.Name,
                            model.MethodId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            previous,
                            display));
                        continue;
                    }

                    usedIds.Add(model.MethodId, method.Name);
                    methods.Add(model);
                    break;
            }
        }

        var inCompilation = SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly);
        var existElsewhere = !inCompilation && methods.Count > 0 && methods.All(m => GeneratedTypeIsVisible(compilation, m.RequestClassName));
        return new InterfaceModel(
            fullName,
            type.ToDisplayString(Naming.TypeOfFormat),
            mangled,
            interfaceId,
            declaredMethods,
            methods.ToEquatableArray(),
            inCompilation,
            existElsewhere,
            HasErrors: diagnostics.Count > errorsBefore,
            LocationInfo.From(type.Locations.FirstOrDefault()));
    }

    private static MethodModel? DescribeMethod(IMethodSymbol method, int index, string mangledInterface, KnownTypes known, List<DiagnosticInfo> diagnostics, Location? reportAt)
    {
        var location = reportAt ?? method.Locations.FirstOrDefault();
        var valid = true;
        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.GenericMethod, location, method.Name));
            valid = false;
        }

        var returnType = method.ReturnType;
        ReturnKind returnKind;
        ITypeSymbol? resultType = null;
        if (KnownTypes.Is(returnType, known.TaskOfT) && returnType is INamedTypeSymbol taskOfT)
        {
            returnKind = ReturnKind.TaskOfT;
            resultType = taskOfT.TypeArguments[0];
        }
        else if (KnownTypes.Is(returnType, known.ValueTaskOfT) && returnType is INamedTypeSymbol valueTaskOfT)
        {
            returnKind = ReturnKind.ValueTaskOfT;
            resultType = valueTaskOfT.TypeArguments[0];
        }
        else if (KnownTypes.Is(returnType, known.Task))
        {
            returnKind = ReturnKind.Task;
        }
        else if (KnownTypes.Is(returnType, known.ValueTask))
        {
            returnKind = ReturnKind.ValueTask;
        }
        else
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidReturnType, location, method.Name, returnType.ToDisplayString()));
            returnKind = ReturnKind.Task;
            valid = false;
        }

        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                var refKind = parameter.RefKind switch
                {
                    RefKind.Out => "out",
                    RefKind.In => "in",
                    RefKind.RefReadOnlyParameter => "ref readonly",
                    _ => "ref",
                };
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ByRefParameter, reportAt ?? parameter.Locations.FirstOrDefault(), parameter.Name, method.Name, refKind));
                valid = false;
            }

            if (KnownTypes.Is(parameter.Type, known.CancellationToken))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.CancellationTokenParameter, reportAt ?? parameter.Locations.FirstOrDefault(), parameter.Name, method.Name));
                valid = false;
            }
            else if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedParameterType, reportAt ?? parameter.Locations.FirstOrDefault(), parameter.Name, method.Name, parameter.Type.ToDisplayString()));
                valid = false;
            }

            parameters.Add(new ParameterModel(
                parameter.Type.ToDisplayString(Naming.TypeFormat),
                known.IsStaticallyImmutable(parameter.Type) || KnownTypes.HasAttribute(parameter, known.ImmutableAttribute)));
        }

        if (!valid)
        {
            return null;
        }

        // An explicit [Id] pins a method's id; otherwise it is the declaration index, so new methods go at the end.
        var methodId = KnownTypes.AttributeArgument(method, known.IdAttribute) is uint explicitId ? unchecked((int)explicitId) : index;
        var resultIsImmutable = resultType is not null
            && (known.IsStaticallyImmutable(resultType) || method.GetReturnTypeAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, known.ImmutableAttribute)));
        return new MethodModel(
            method.Name,
            methodId,
            returnKind,
            returnType.ToDisplayString(Naming.TypeFormat),
            resultType?.ToDisplayString(Naming.TypeFormat),
            resultIsImmutable,
            KnownTypes.HasAttribute(method, known.ReadOnlyAttribute),
            KnownTypes.HasAttribute(method, known.AlwaysInterleaveAttribute),
            parameters.ToEquatableArray(),
            mangledInterface + "_" + method.Name + "_" + methodId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_Request");
    }

    private static bool GeneratedTypeIsVisible(Compilation compilation, string name)
    {
        var type = compilation.GetTypeByMetadataName(Naming.GeneratedNamespace + "." + name);
        return type is not null && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly);
    }
}
