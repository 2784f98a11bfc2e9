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
        var constructor = type.IsAbstract ? null : ChooseConstructor(type, members, compilation);
        if (!type.IsAbstract && constructor is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoConstructor, type.Locations.FirstOrDefault(), display));
        }

        var constructorParameters = constructor?.Parameters ?? ImmutableArrayOfNone;
        var setsRequired = constructor is not null && KnownTypes.HasAttribute(constructor, known.SetsRequiredMembersAttribute);
        var required = setsRequired ? new HashSet<ISymbol>(SymbolEqualityComparer.Default) : RequiredMembers(type, members, display, diagnostics);

        var models = new List<MemberModel>(members.Count);
        foreach (var member in members)
        {
            var parameter = constructorParameters.FirstOrDefault(p => ReferenceEquals(MatchParameter(p, members), member));
            models.Add(DescribeMember(member, parameter, required.Contains(member.Symbol), compilation, display, diagnostics));
        }

        var constructorArguments = constructorParameters.Select(p => members.IndexOf(MatchParameter(p, members)!)).ToEquatableArray();
        var typeParameters = Naming.AllTypeParameters(type);
        var fullName = Naming.FullName(type, includeArity: true);
        return new SerializableTypeModel(
            fullName,
            type.ToDisplayString(Naming.TypeOfFormat),
            Naming.Mangle(fullName) + "_Codec",
            typeParameters.Select(static p => p.Name).ToEquatableArray(),
            typeParameters.Select(ConstraintClause).Where(static c => c is not null).Select(static c => c!).ToEquatableArray(),
            typeParameters.Length > 0 ? UnboundName(type) : null,
            type.IsValueType,
            type.IsSealed || type.IsValueType,
            KnownTypes.HasAttribute(type, known.ImmutableAttribute),
            models.ToEquatableArray(),
            constructorArguments,
            CanGenerate: !type.IsAbstract && diagnostics.Count == 0,
            diagnostics.ToEquatableArray(),
            LocationInfo.From(type.Locations.FirstOrDefault()));
    }

    private static readonly System.Collections.Immutable.ImmutableArray<IParameterSymbol> ImmutableArrayOfNone = System.Collections.Immutable.ImmutableArray<IParameterSymbol>.Empty;

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

    /// <summary>
    /// The accessible constructor whose parameters all match members by name (case-insensitive) and
    /// type, with the most parameters: a record's primary constructor, else usually the parameterless one.
    /// </summary>
    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, List<SerializedMember> members, Compilation compilation)
    {
        IMethodSymbol? best = null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (!compilation.IsSymbolAccessibleWithin(constructor, compilation.Assembly)
                || constructor.Parameters.Any(p => p.RefKind is not RefKind.None || MatchParameter(p, members) is null)
                || constructor.Parameters.Select(p => MatchParameter(p, members)).Distinct().Count() != constructor.Parameters.Length)
            {
                continue;
            }

            if (best is null || constructor.Parameters.Length > best.Parameters.Length)
            {
                best = constructor;
            }
        }

        return best;
    }

    /// <summary>The member a constructor parameter sets: same name (exact case preferred) and same type.</summary>
    private static SerializedMember? MatchParameter(IParameterSymbol parameter, List<SerializedMember> members)
    {
        SerializedMember? caseInsensitive = null;
        foreach (var member in members)
        {
            if (!SymbolEqualityComparer.Default.Equals(member.Type, parameter.Type))
            {
                continue;
            }

            if (string.Equals(member.Symbol.Name, parameter.Name, StringComparison.Ordinal))
            {
                return member;
            }

            if (caseInsensitive is null && string.Equals(member.Symbol.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
            {
                caseInsensitive = member;
            }
        }

        return caseInsensitive;
    }

    /// <summary>Required members must be set in an object initializer, so each must be serialized.</summary>
    private static HashSet<ISymbol> RequiredMembers(INamedTypeSymbol type, List<SerializedMember> members, string display, List<DiagnosticInfo> diagnostics)
    {
        var required = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (var level = type; level is not null; level = level.BaseType)
        {
            foreach (var symbol in level.GetMembers())
            {
                if (symbol is not (IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                {
                    continue;
                }

                if (members.Any(m => SymbolEqualityComparer.Default.Equals(m.Symbol, symbol)))
                {
                    required.Add(symbol);
                }
                else if (!(symbol is IPropertySymbol { OverriddenProperty: not null }))
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
        return new MemberModel(
            symbol.Name,
            member.Id,
            type.ToDisplayString(Naming.TypeFormat),
            nullCheck,
            symbol.ContainingType.ToDisplayString(Naming.TypeOfFormat),
            read,
            write,
            fieldName,
            constructorParameter is { HasExplicitDefaultValue: true } ? DefaultValue(constructorParameter) : "default!");
    }

    private static IFieldSymbol? BackingField(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    /// <summary>A constructor parameter's default value as an expression, so a missing field reads as the type's own default.</summary>
    private static string DefaultValue(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return "default!";
        }

        var typeName = parameter.Type.ToDisplayString(Naming.TypeOfFormat);
        var literal = value switch
        {
            string s => Naming.Literal(s),
            char c => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            double d when double.IsNaN(d) => "double.NaN",
            double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
            double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
            float f when float.IsNaN(f) => "float.NaN",
            float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
            float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
        return literal is null ? "default!" : $"({typeName})({literal})";
    }

    private static string? ConstraintClause(ITypeParameterSymbol parameter)
    {
        var constraints = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            constraints.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            constraints.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            constraints.Add("notnull");
        }

        constraints.AddRange(parameter.ConstraintTypes.Select(static t => t.ToDisplayString(Naming.TypeFormat)));
        if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
        {
            constraints.Add("new()");
        }

        return constraints.Count == 0 ? null : $"where {parameter.Name} : {string.Join(", ", constraints)}";
    }

    /// <summary>The open generic type for typeof: global::Ns.Outer&lt;&gt;.Inner&lt;,&gt;.</summary>
    private static string UnboundName(INamedTypeSymbol type)
    {
        var part = type.Arity > 0 ? type.Name + "<" + new string(',', type.Arity - 1) + ">" : type.Name;
        if (type.ContainingType is { } containing)
        {
            return UnboundName(containing) + "." + part;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? "global::" + ns.ToDisplayString() + "." + part
            : "global::" + part;
    }

    private sealed class SerializedMember(ISymbol symbol, uint id, ITypeSymbol type)
    {
        public ISymbol Symbol { get; } = symbol;

        public uint Id { get; } = id;

        public ITypeSymbol Type { get; } = type;
    }
}
