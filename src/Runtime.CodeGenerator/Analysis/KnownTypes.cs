using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator.Analysis;

/// <summary>The runtime and BCL types the generator recognises, resolved once per compilation.</summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new();

    private KnownTypes(Compilation compilation)
    {
        IAddressable = compilation.GetTypeByMetadataName("OrleansChat.Runtime.IAddressable");
        IGrain = compilation.GetTypeByMetadataName("OrleansChat.Runtime.IGrain");
        IGrainWithStringKey = compilation.GetTypeByMetadataName("OrleansChat.Runtime.IGrainWithStringKey");
        IGrainWithGuidKey = compilation.GetTypeByMetadataName("OrleansChat.Runtime.IGrainWithGuidKey");
        IGrainObserver = compilation.GetTypeByMetadataName("OrleansChat.Runtime.IGrainObserver");
        GrainId = compilation.GetTypeByMetadataName("OrleansChat.Runtime.GrainId");
        IdAttribute = compilation.GetTypeByMetadataName("OrleansChat.Runtime.IdAttribute");
        AliasAttribute = compilation.GetTypeByMetadataName("OrleansChat.Runtime.AliasAttribute");
        ImmutableAttribute = compilation.GetTypeByMetadataName("OrleansChat.Runtime.ImmutableAttribute");
        ReadOnlyAttribute = compilation.GetTypeByMetadataName("OrleansChat.Runtime.ReadOnlyAttribute");
        AlwaysInterleaveAttribute = compilation.GetTypeByMetadataName("OrleansChat.Runtime.AlwaysInterleaveAttribute");
        GenerateSerializerAttribute = compilation.GetTypeByMetadataName("OrleansChat.Runtime.GenerateSerializerAttribute");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
        TimeOnly = compilation.GetTypeByMetadataName("System.TimeOnly");
        SetsRequiredMembersAttribute = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute");
    }

    public INamedTypeSymbol? IAddressable { get; }

    public INamedTypeSymbol? IGrain { get; }

    public INamedTypeSymbol? IGrainWithStringKey { get; }

    public INamedTypeSymbol? IGrainWithGuidKey { get; }

    public INamedTypeSymbol? IGrainObserver { get; }

    public INamedTypeSymbol? GrainId { get; }

    public INamedTypeSymbol? IdAttribute { get; }

    public INamedTypeSymbol? AliasAttribute { get; }

    public INamedTypeSymbol? ImmutableAttribute { get; }

    public INamedTypeSymbol? ReadOnlyAttribute { get; }

    public INamedTypeSymbol? AlwaysInterleaveAttribute { get; }

    public INamedTypeSymbol? GenerateSerializerAttribute { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? DateOnly { get; }

    public INamedTypeSymbol? TimeOnly { get; }

    public INamedTypeSymbol? SetsRequiredMembersAttribute { get; }

    public static KnownTypes For(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownTypes(c));

    /// <summary>The runtime's own marker interfaces, which get no generated code.</summary>
    public bool IsMarkerInterface(INamedTypeSymbol type) =>
        Is(type, IAddressable) || Is(type, IGrain) || Is(type, IGrainWithStringKey) || Is(type, IGrainWithGuidKey) || Is(type, IGrainObserver);

    /// <summary>True for interfaces that extend IGrain or IGrainObserver (directly or not).</summary>
    public bool IsGrainOrObserverInterface(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface || IsMarkerInterface(type))
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Is(implemented, IGrain) || Is(implemented, IGrainObserver))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The first constructor argument of <paramref name="attribute"/> on <paramref name="symbol"/>, or null.</summary>
    public static object? AttributeArgument(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (var data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute) && data.ConstructorArguments.Length == 1)
            {
                return data.ConstructorArguments[0].Value;
            }
        }

        return null;
    }

    /// <summary>
    /// True when a value of <paramref name="type"/> is known, from its static type alone, never to
    /// change: such values are shared between caller and callee of a local call instead of copied.
    /// </summary>
    public bool IsStaticallyImmutable(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return IsStaticallyImmutable(nullable.TypeArguments[0]);
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }

        if (type.TypeKind == TypeKind.Enum
            || Is(type, Guid) || Is(type, DateTimeOffset) || Is(type, TimeSpan) || Is(type, DateOnly) || Is(type, TimeOnly)
            || Is(type, GrainId)
            || HasAttribute(type, ImmutableAttribute))
        {
            return true;
        }

        // References to grains and observers are addresses: sharing one is always safe.
        if (type.TypeKind == TypeKind.Interface && IAddressable is not null)
        {
            if (Is(type, IAddressable))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (Is(implemented, IAddressable))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
