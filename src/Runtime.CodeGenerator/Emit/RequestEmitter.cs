using System.Globalization;
using System.Linq;
using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator.Emit;

/// <summary>Writes one request class per grain method: arguments as fields, invocation, (de)serialization, isolation copies.</summary>
internal static class RequestEmitter
{
    public static void Write(CodeWriter code, InterfaceModel owner, MethodModel method)
    {
        var baseType = method.ResultType is null ? Names.Request : Names.Request + "<" + method.ResultType + ">";
        code.Line($"/// <summary>A call to {Escape(owner.FullName)}.{method.Name} (method id {Number(method.MethodId)}).</summary>");
        code.Line(Names.GeneratedCode);
        code.Open($"internal sealed class {method.RequestClassName} : {baseType}");

        for (var i = 0; i < method.Parameters.Count; i++)
        {
            code.Line($"public {method.Parameters[i].Type} Arg{Number(i)} = default!;");
        }

        if (method.Parameters.Count > 0)
        {
            code.Line();
        }

        code.Line($"public override uint InterfaceId => {Hex(owner.InterfaceId)};");
        code.Line();
        code.Line($"public override int MethodId => {Number(method.MethodId)};");
        code.Line();
        code.Line($"public override string MethodName => {Naming.Literal(method.Name)};");
        code.Line();
        if (method.IsReadOnly)
        {
            code.Line("public override bool IsReadOnly => true;");
            code.Line();
        }

        if (method.IsAlwaysInterleave)
        {
            code.Line("public override bool IsAlwaysInterleave => true;");
            code.Line();
        }

        if (method.ResultType is not null && method.ResultIsImmutable)
        {
            code.Line("protected override bool ResultIsImmutable => true;");
            code.Line();
        }

        var arguments = string.Join(", ", Enumerable.Range(0, method.Parameters.Count).Select(static i => "Arg" + Number(i)));
        var call = $"(({owner.TypeName})grain).{Naming.Identifier(method.Name)}({arguments})";
        if (method.ReturnKind is ReturnKind.ValueTask or ReturnKind.ValueTaskOfT)
        {
            call += ".AsTask()";
        }

        code.Line(method.ResultType is null
            ? $"public override {Names.Task} Invoke(object grain) => {call};"
            : $"public override {Names.Task}<{method.ResultType}> InvokeTyped(object grain) => {call};");
        code.Line();

        code.Open($"public override void WriteArguments(ref {Names.Writer} writer)");
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            code.Line($"writer.WriteField({Number(i)}u, Arg{Number(i)});");
        }

        code.Close();
        code.Line();

        code.Open($"public override void ReadArguments(ref {Names.Reader} reader)");
        code.Open("while (reader.TryReadFieldHeader(out var fieldId, out var wireType))");
        code.Open("switch (fieldId)");
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            code.Line($"case {Number(i)}u:");
            code.Line($"    Arg{Number(i)} = reader.ReadValue<{method.Parameters[i].Type}>(wireType);");
            code.Line("    break;");
        }

        code.Line("default:");
        code.Line("    // A field this version does not know: an argument added by a newer caller.");
        code.Line("    reader.SkipField(wireType);");
        code.Line("    break;");
        code.Close();
        code.Close();
        code.Close();
        code.Line();

        code.Open("public override void CopyArguments()");
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            if (!method.Parameters[i].IsImmutable)
            {
                code.Line($"Arg{Number(i)} = {Names.DeepCopier}.Copy(Arg{Number(i)});");
            }
        }

        code.Close();
        code.Close();
    }

    public static string Hex(uint value) => "0x" + value.ToString("X8", CultureInfo.InvariantCulture) + "u";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Makes a type name safe inside an XML doc comment.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
