using System.Linq;
using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator.Emit;

/// <summary>
/// Writes the codec of a [GenerateSerializer] type. A value is one length-prefixed field holding its
/// members as fields; readers skip ids they do not know and leave missing members at their defaults,
/// which is what makes adding a member a compatible change.
/// </summary>
internal static class CodecEmitter
{
    public static string Write(SerializableTypeModel model)
    {
        var code = new CodeWriter().FileHeader();
        code.Line($"/// <summary>Serializer for {RequestEmitter.Escape(model.FullName)}.</summary>");
        code.Line(Names.GeneratedCode);
        code.Line($"internal sealed class {model.CodecTypeName} : {Names.IFieldCodec}<{model.TypeName}>");
        foreach (var clause in model.ConstraintClauses)
        {
            code.Line("    " + clause);
        }

        code.Open();
        code.Line($"public bool IsShallowCopyable => {(model.IsImmutable ? "true" : "false")};");
        code.Line();
        WriteField(code, model);
        code.Line();
        ReadValue(code, model);
        AccessorEmitter.WriteInCodec(code, model);
        code.Close();
        AccessorEmitter.WriteGenericHosts(code, model);
        return code.ToString();
    }

    private static void WriteField(CodeWriter code, SerializableTypeModel model)
    {
        code.Open($"public void WriteField(ref {Names.Writer} writer, uint fieldId, {model.TypeName} value)");
        if (!model.IsValueType)
        {
            code.Open("if (value is null)");
            code.Line("writer.WriteNullField(fieldId);");
            code.Line("return;");
            code.Close();
            code.Line();
        }

        if (!model.IsSealed)
        {
            // The format carries no type information, so a derived instance would silently lose its own members.
            code.Open($"if (value.GetType() != typeof({model.TypeName}))");
            code.Line($"throw new global::System.NotSupportedException($\"Cannot serialize {{value.GetType()}} as {Escape(model.FullName)}: serialized fields hold exactly their declared [GenerateSerializer] type. Declare the field or parameter with the derived type.\");");
            code.Close();
            code.Line();
        }

        code.Line($"writer.WriteFieldHeader(fieldId, {Names.WireType}.LengthPrefixed);");
        code.Line("var position = writer.BeginLengthPrefixed();");
        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            var get = member.Read switch
            {
                ReadAccess.GetterAccessor => $"{AccessorEmitter.Call(model, i, AccessorEmitter.Getter)}({Receiver(model, "value")})",
                ReadAccess.FieldAccessor => $"{AccessorEmitter.Call(model, i, AccessorEmitter.FieldRef)}({Receiver(model, "value")})",
                _ => "value." + Naming.Identifier(member.Name),
            };
            if (member.NullCheck)
            {
                // A null member is left out; the reader's default for a missing field is null.
                code.Line($"var m{i} = {get};");
                code.Open($"if (m{i} is not null)");
                code.Line($"writer.WriteField({member.FieldId}u, m{i});");
                code.Close();
            }
            else
            {
                code.Line($"writer.WriteField({member.FieldId}u, {get});");
            }
        }

        code.Line("writer.EndLengthPrefixed(position);");
        code.Close();
    }

    private static void ReadValue(CodeWriter code, SerializableTypeModel model)
    {
        code.Open($"public {model.TypeName} ReadValue(ref {Names.Reader} reader, {Names.WireType} wireType)");
        code.Open($"if (wireType == {Names.WireType}.Null)");
        code.Line(model.IsValueType
            ? $"throw new {Names.WireFormatException}(\"Found null for {Escape(model.FullName)}, which is a struct.\");"
            : "return null!;");
        code.Close();
        code.Line();
        code.Line($"{Names.Reader}.Expect(wireType, {Names.WireType}.LengthPrefixed, typeof({model.TypeName}));");
        code.Line("var fields = reader.ReadNested();");
        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            code.Line($"{member.Type} m{i} = {member.DefaultValue};");
            if (IsConditional(member))
            {
                code.Line($"var has{i} = false;");
            }
        }

        code.Open("while (fields.TryReadFieldHeader(out var id, out var fieldWireType))");
        code.Open("switch (id)");
        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            code.Line($"case {member.FieldId}u:");
            code.Line($"    m{i} = fields.ReadValue<{member.Type}>(fieldWireType);");
            if (IsConditional(member))
            {
                code.Line($"    has{i} = true;");
            }

            code.Line("    break;");
        }

        code.Line("default:");
        code.Line("    // Written by a newer version of the type: skip what this version does not know.");
        code.Line("    fields.SkipField(fieldWireType);");
        code.Line("    break;");
        code.Close();
        code.Close();
        code.Line();

        var arguments = string.Join(", ", model.ConstructorArguments.Select(static i => $"m{i}!"));
        var initializers = Enumerable.Range(0, model.Members.Count)
            .Where(i => model.Members[i].Write == WriteAccess.Initializer)
            .Select(i => $"{Naming.Identifier(model.Members[i].Name)} = m{i}!")
            .ToList();
        var construct = $"new {model.TypeName}({arguments})";
        if (initializers.Count > 0)
        {
            construct += " { " + string.Join(", ", initializers) + " }";
        }

        code.Line($"var result = {construct};");
        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            if (!IsConditional(member))
            {
                continue;
            }

            // Only fields that were present: an absent one keeps whatever the constructor or initializer gave it.
            var assign = member.Write switch
            {
                WriteAccess.SetterAccessor => $"{AccessorEmitter.Call(model, i, AccessorEmitter.Setter)}({Receiver(model, "result")}, m{i}!);",
                WriteAccess.FieldAccessor => $"{AccessorEmitter.Call(model, i, AccessorEmitter.FieldRef)}({Receiver(model, "result")}) = m{i}!;",
                _ => $"result.{Naming.Identifier(member.Name)} = m{i}!;",
            };
            code.Open($"if (has{i})");
            code.Line(assign);
            code.Close();
        }

        code.Line("return result;");
        code.Close();
    }

    private static bool IsConditional(MemberModel member) => member.Write is not (WriteAccess.Constructor or WriteAccess.Initializer);

    public static string Receiver(SerializableTypeModel model, string name) => model.IsValueType ? "ref " + name : name;

    /// <summary>Makes text safe inside a generated string literal (interpolated or not).</summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}");
}
