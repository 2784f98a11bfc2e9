using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator.Analysis;

/// <summary>Picks the constructor a codec calls when it rebuilds a value.</summary>
internal static class ConstructorSelector
{
    /// <summary>
    /// The accessible constructor whose parameters all match members by name (case-insensitive) and
    /// type, with the most parameters: a record's primary constructor, else usually the parameterless one.
    /// </summary>
    public static IMethodSymbol? Choose(INamedTypeSymbol type, List<SerializedMember> members, Compilation compilation)
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
    public static SerializedMember? MatchParameter(IParameterSymbol parameter, List<SerializedMember> members)
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
}
