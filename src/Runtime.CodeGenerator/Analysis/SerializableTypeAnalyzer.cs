using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator.Analysis;

/// <summary>Turns a [GenerateSerializer] type into a <see cref="SerializableTypeModel"/>: which members, how to read and restore each, which constructor.</summary>
internal static class SerializableTypeAnalyzer
{
    private static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> NoParameters = System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

    public static SerializableTypeModel? Analyze(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsStatic || type.IsRefLikeType)
        {
            return null;
        }

        var known = KnownTypes.For(compilation);
        var diagnostics = new List<DiagnosticInfo>();
        var display = type.ToDisplayString();
        if (!Naming.IsAccessibleToGeneratedCode(type, compilation))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InaccessibleType, type.Locations.FirstOrDefault(), display));
        }

        var members = CollectMembers(type, known, diagnostics, cancellationToken);
        var constructor = type.IsAbstract ? null : ConstructorSelector.Choose(type, members, compilation);
        if (!type.IsAbstract && constructor is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoConstructor, type.Locations.FirstOrDefault(), display));
        }

        var constructorParameters = constructor?.Parameters ?? NoParameters;
        var setsRequired = constructor is not null && KnownTypes.HasAttribute(constructor, known.SetsRequiredMembersAttribute);
        var required = setsRequired ? new HashSet<ISymbol>(SymbolEqualityComparer.Default) : RequiredMembers(type, members, display, diagnostics);

        var models = new List<MemberModel>(members.Count);
        foreach (var member in members)
        {
            var parameter = constructorParameters.FirstOrDefault(p => ReferenceEquals(ConstructorSelector.MatchParameter(p, members), member));
            models.Add(DescribeMember(member, parameter, required.Contains(member.Symbol), compilation, display, diagnostics));
        }

        var constructorArguments = constructorParameters.Select(p => members.IndexOf(ConstructorSelector.MatchParameter(p, members)!)).ToEquatableArray();
        var typeParameters = Naming.AllTypeParameters(type);
        var fullName = Naming.FullName(type, includeArity: true);
        return new SerializableTypeModel(
            fullName,
            type.ToDisplayString(Naming.TypeOfFormat),
            Naming.Mangle(fullName) + "_Codec",
            typeParameters.Select(static p => p.Name).ToEquatableArray(),
            typeParameters.Select(TypeParameterSyntax.ConstraintClause).Where(static c => c is not null).Select(static c => c!).ToEquatableArray(),
            typeParameters.Length > 0 ? TypeParameterSyntax.UnboundName(type) : null,
            type.IsValueType,
            type.IsSealed || type.IsValueType,
            KnownTypes.HasAttribute(type, known.ImmutableAttribute),
            models.ToEquatableArray(),
            constructorArguments,
            CanGenerate: !type.IsAbstract && diagnostics.Count == 0,
            diagnostics.ToEquatableArray(),
            LocationInfo.From(type.Locations.FirstOrDefault()));
    }

    /// <summary>[Id] members of the type and of its base types that are [GenerateSerializer] too, sorted by id.</summary>
    private static List<SerializedMember> CollectMembers(INamedTypeSymbol type, KnownTypes known, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var levels = new List<INamedTypeSymbol>();
        for (var level = type; level is not null && KnownTypes.HasAttribute(level, known.GenerateSerializerAttribute); level = level.BaseType)
        {
            levels.Insert(0, level);
        }

        var byId = new Dictionary<uint, SerializedMember>();
        var members = new List<SerializedMember>();
        foreach (var level in levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var recordParameterIds = RecordParameterIds(level, known, diagnostics, cancellationToken);
            foreach (var symbol in level.GetMembers())
            {
                ITypeSymbol memberType;
                switch (symbol)
                {
                    case IFieldSymbol { IsStatic: false, IsConst: false, AssociatedSymbol: null } field:
                        memberType = field.Type;
                        break;
                    case IPropertySymbol { IsStatic: false, IsIndexer: false } property when property.ExplicitInterfaceImplementations.IsEmpty:
                        memberType = property.Type;
                        break;
                    default:
                        continue;
                }

                uint id;
                if (KnownTypes.AttributeArgument(symbol, known.IdAttribute) is uint explicitId)
                {
                    id = explicitId;
                }
                else if (symbol is IPropertySymbol && recordParameterIds.TryGetValue(symbol.Name, out var parameterId))
                {
                    id = parameterId;
                }
                else
                {
                    continue;
                }

                if (byId.TryGetValue(id, out var previous))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        Diagnostics.DuplicateFieldId,
                        symbol.Locations.FirstOrDefault(),
                        symbol.Name,
                        type.ToDisplayString(),
                        id.ToString(CultureInfo.InvariantCulture),
                        previous.Symbol.ContainingType.Name + "." + previous.Symbol.Name));
                    continue;
                }

                var member = new SerializedMember(symbol, id, memberType);
                byId.Add(id, member);
                members.Add(member);
            }
        }

        members.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return members;
    }

    /// <summary>Ids given on a record's positional parameters (<c>record R([Id(0)] string Name)</c>); reports [Id] on other constructor parameters.</summary>
    private static Dictionary<string, uint> RecordParameterIds(INamedTypeSymbol level, KnownTypes known, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var constructor in level.InstanceConstructors)
        {
            var isPrimary = constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax);
            foreach (var parameter in constructor.Parameters)
            {
                if (KnownTypes.AttributeArgument(parameter, known.IdAttribute) is not uint id)
                {
                    continue;
                }

                if (isPrimary && level.IsRecord)
                {
                    ids[parameter.Name] = id;
                }
                else if (SymbolEqualityComparer.Default.Equals(level.ContainingAssembly, constructor.ContainingAssembly) && constructor.Locations.FirstOrDefault() is { IsInSource: true })
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.IdOnConstructorParameter, parameter.Locations.FirstOrDefault(), parameter.Name, level.ToDisplayString()));
                }
            }
        }

        return ids;
    }

    /// <summary>Required members must be set in an object initializer, so each must be serialized.</summary>
    private static HashSet<ISymbol> RequiredMembers(INamedTypeSymbol type, List<SerializedMember> members, string display, List<DiagnosticInfo> diagnostics)
    {
        var required = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var overridden = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var level = type; level is not null; level = level.BaseType)
        {
            foreach (var symbol in level.GetMembers())
            {
                if (symbol is IPropertySymbol { OverriddenProperty: { } baseProperty })
                {
                    overridden.Add(baseProperty.OriginalDefinition);
                }

                if (symbol is not (IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }) || overridden.Contains(symbol.OriginalDefinition))
                {
                    continue;
                }

                if (members.Any(m => SymbolEqualityComparer.Default.Equals(m.Symbol, symbol)))
                {
                    required.Add(symbol);
                }
                else
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.RequiredMemberWithoutId, symbol.Locations.FirstOrDefault(), symbol.Name, display));
                }
            }
        }

        return required;
    }

    private static MemberModel DescribeMember(SerializedMember member, IParameterSymbol? constructorParameter, bool isRequired, Compilation compilation, string display, List<DiagnosticInfo> diagnostics)
    {
        var symbol = member.Symbol;
        bool Accessible(ISymbol? s) => s is not null && compilation.IsSymbolAccessibleWithin(s, compilation.Assembly);

        ReadAccess read;
        WriteAccess write;
        string? fieldName = null;
        if (symbol is IFieldSymbol field)
        {
            read = Accessible(field) ? ReadAccess.Direct : ReadAccess.FieldAccessor;
            write = constructorParameter is not null ? WriteAccess.Constructor
                : isRequired ? WriteAccess.Initializer
                : Accessible(field) && !field.IsReadOnly ? WriteAccess.Direct
                : WriteAccess.FieldAccessor;
            if (read == ReadAccess.FieldAccessor || write == WriteAccess.FieldAccessor)
            {
                fieldName = field.Name;
            }
        }
        else
        {
            var property = (IPropertySymbol)symbol;
            if (property.GetMethod is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MemberNotSettable, symbol.Locations.FirstOrDefault(), symbol.Name, display, "read (it has no getter)"));
                read = ReadAccess.Direct;
            }
            else
            {
                read = Accessible(property.GetMethod) ? ReadAccess.Direct : ReadAccess.GetterAccessor;
            }

            if (constructorParameter is not null)
            {
                write = WriteAccess.Constructor;
            }
            else if (isRequired)
            {
                write = WriteAccess.Initializer;
            }
            else if (property.SetMethod is { } setter)
            {
                write = Accessible(setter) && !setter.IsInitOnly ? WriteAccess.Direct : WriteAccess.SetterAccessor;
            }
            else if (BackingField(property) is { } backingField)
            {
                // A get-only auto-property: restore it through its compiler-generated field.
                write = WriteAccess.FieldAccessor;
                fieldName = backingField.Name;
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MemberNotSettable, symbol.Locations.FirstOrDefault(), symbol.Name, display, "restored (it has no setter and is not a constructor parameter)"));
                write = WriteAccess.Direct;
            }
        }

        var type = member.Type;
        var nullCheck = type.IsReferenceType
            || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            || (type is ITypeParameterSymbol typeParameter && !typeParameter.HasValueTypeConstraint && !typeParameter.HasUnmanagedTypeConstraint);
        var model = new MemberModel(
            symbol.Name,
            member.Id,
            type.ToDisplayString(Naming.TypeFormat),
            nullCheck,
            symbol.ContainingType.ToDisplayString(Naming.TypeOfFormat),
            read,
            write,
            fieldName,
            constructorParameter is { HasExplicitDefaultValue: true } ? ConstantFormatter.DefaultValue(constructorParameter) : "default!",
            GenericHost: null);
        return model.NeedsAccessors && Naming.AllTypeParameters(symbol.ContainingType).Length > 0
            ? model with { GenericHost = DescribeGenericHost(symbol) }
            : model;
    }

    private static GenericAccessorHost DescribeGenericHost(ISymbol member)
    {
        var definition = member.ContainingType.OriginalDefinition;
        var parameters = Naming.AllTypeParameters(definition);
        var arguments = new List<ITypeSymbol>();
        for (var current = member.ContainingType; current is not null; current = current.ContainingType)
        {
            arguments.InsertRange(0, current.TypeArguments);
        }

        var memberType = member.OriginalDefinition switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => throw new InvalidOperationException("Only fields and properties are serialized."),
        };
        return new GenericAccessorHost(
            parameters.Select(static p => p.Name).ToEquatableArray(),
            parameters.Select(TypeParameterSyntax.ConstraintClause).Where(static c => c is not null).Select(static c => c!).ToEquatableArray(),
            arguments.Select(static a => a.ToDisplayString(Naming.TypeFormat)).ToEquatableArray(),
            definition.ToDisplayString(Naming.TypeOfFormat),
            memberType.ToDisplayString(Naming.TypeFormat));
    }

    private static IFieldSymbol? BackingField(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

}
