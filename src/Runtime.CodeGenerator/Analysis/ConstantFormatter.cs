using System;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator.Analysis;

/// <summary>Constants (parameter default values) as C# expressions.</summary>
internal static class ConstantFormatter
{
    /// <summary>A constructor parameter's default value as an expression, so a missing field reads as the type's own default.</summary>
    public static string DefaultValue(IParameterSymbol parameter)
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
}
