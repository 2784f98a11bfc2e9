using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator.Analysis;

/// <summary>Generic type syntax the generated code repeats: constraint clauses and open generic names.</summary>
internal static class TypeParameterSyntax
{
    public static string? ConstraintClause(ITypeParameterSymbol parameter)
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
    public static string UnboundName(INamedTypeSymbol type)
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
}
