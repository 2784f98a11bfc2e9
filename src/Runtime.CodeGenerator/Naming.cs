using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator;

/// <summary>
/// Names and ids derived from symbols. Everything here must be deterministic: interface ids travel on
/// the wire, and generated names are referenced from tests and other generated code.
/// </summary>
internal static class Naming
{
    /// <summary>Namespace of every generated type.</summary>
    public const string GeneratedNamespace = "OrleansChat.Runtime.Generated";

    /// <summary>Type names in C# syntax, fully qualified, with nullable annotations.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Type names for <c>typeof</c> and casts, where nullable annotations are not allowed.</summary>
    public static readonly SymbolDisplayFormat TypeOfFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>
    /// The CLR-style full name: namespace, '.', then containing types joined by '+', with the
    /// generic arity suffix ("`1") when <paramref name="includeArity"/> is set.
    /// </summary>
    public static string FullName(INamedTypeSymbol type, bool includeArity)
    {
        var name = includeArity && type.Arity > 0 ? type.Name + "`" + type.Arity : type.Name;
        if (type.ContainingType is { } containing)
        {
            return FullName(containing, includeArity) + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    /// <summary>
    /// A C# identifier for a full name: '.', '+' and '`' become '_'. Readable rather than
    /// injective; the generator reports OCG090 if two inputs ever map to the same name.
    /// </summary>
    public static string Mangle(string fullName)
    {
        var builder = new StringBuilder(fullName.Length);
        foreach (var c in fullName)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>FNV-1a, 32 bits, over the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static uint Fnv1a32(string value)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash ^= b;
            hash = unchecked(hash * FnvPrime);
        }

        return hash;
    }

    /// <summary>A string literal in C# syntax.</summary>
    public static string Literal(string value) =>
        Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>An identifier, escaped with '@' when it is a keyword.</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>True when generated code in <paramref name="compilation"/> can name <paramref name="type"/> and all its containers.</summary>
    public static bool IsAccessibleToGeneratedCode(INamedTypeSymbol type, Compilation compilation)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return false;
            }
        }

        return compilation.IsSymbolAccessibleWithin(type, compilation.Assembly);
    }

    /// <summary>The type parameters of <paramref name="type"/> and of its containing types, outermost first.</summary>
    public static ITypeParameterSymbol[] AllTypeParameters(INamedTypeSymbol type)
    {
        var chain = new System.Collections.Generic.List<INamedTypeSymbol>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        return chain.SelectMany(static t => t.TypeParameters).ToArray();
    }
}
