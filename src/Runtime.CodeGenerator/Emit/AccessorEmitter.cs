using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator.Emit;

/// <summary>
/// Writes [UnsafeAccessor] externs, through which codecs read and restore members that generated code
/// cannot name: private or protected members, init-only setters, readonly fields and the backing
/// fields of get-only auto-properties.
/// </summary>
internal static class AccessorEmitter
{
    public const string Getter = "Get";

    public const string Setter = "Set";

    public const string FieldRef = "FieldRef";

    /// <summary>[UnsafeAccessor] externs for members generated code cannot reach by name (private, protected, init-only, readonly).</summary>
    public static void WriteInCodec(CodeWriter code, SerializableTypeModel model)
    {
        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            if (member.NeedsAccessors && member.GenericHost is null)
            {
                WriteAccessorMethods(code, model, member, i, member.DeclaringType, member.Type, "private");
            }
        }
    }

    /// <summary>One file-local generic class per member of a generic declaring type (see <see cref="GenericAccessorHost"/>).</summary>
    public static void WriteGenericHosts(CodeWriter code, SerializableTypeModel model)
    {
        for (var i = 0; i < model.Members.Count; i++)
        {
            var member = model.Members[i];
            if (member.GenericHost is not { } host)
            {
                continue;
            }

            code.Line();
            code.Line(Names.GeneratedCode);
            code.Line($"file static class {HostName(model, i)}<{string.Join(", ", host.TypeParameters)}>");
            foreach (var clause in host.ConstraintClauses)
            {
                code.Line("    " + clause);
            }

            code.Open();
            WriteAccessorMethods(code, model, member, i, host.DeclaringType, host.MemberType, "internal", first: true);
            code.Close();
        }
    }

    private static void WriteAccessorMethods(CodeWriter code, SerializableTypeModel model, MemberModel member, int index, string declaringType, string memberType, string accessibility, bool first = false)
    {
        var target = model.IsValueType ? "ref " + declaringType : declaringType;
        void Separate()
        {
            if (!first)
            {
                code.Line();
            }

            first = false;
        }

        var suffix = member.GenericHost is null ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        if (member.Read == ReadAccess.FieldAccessor || member.Write == WriteAccess.FieldAccessor)
        {
            Separate();
            code.Line($"[{Names.UnsafeAccessor}({Names.UnsafeAccessorKind}.Field, Name = {Naming.Literal(member.FieldName!)})]");
            code.Line($"{accessibility} static extern ref {memberType} {FieldRef}{suffix}({target} target);");
        }

        if (member.Read == ReadAccess.GetterAccessor)
        {
            Separate();
            code.Line($"[{Names.UnsafeAccessor}({Names.UnsafeAccessorKind}.Method, Name = {Naming.Literal("get_" + member.Name)})]");
            code.Line($"{accessibility} static extern {memberType} {Getter}{suffix}({target} target);");
        }

        if (member.Write == WriteAccess.SetterAccessor)
        {
            Separate();
            code.Line($"[{Names.UnsafeAccessor}({Names.UnsafeAccessorKind}.Method, Name = {Naming.Literal("set_" + member.Name)})]");
            code.Line($"{accessibility} static extern void {Setter}{suffix}({target} target, {memberType} value);");
        }
    }

    /// <summary>How generated code calls accessor <paramref name="kind"/> of member <paramref name="index"/>.</summary>
    public static string Call(SerializableTypeModel model, int index, string kind) =>
        model.Members[index].GenericHost is { } host
            ? $"{HostName(model, index)}<{string.Join(", ", host.TypeArguments)}>.{kind}"
            : kind + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string HostName(SerializableTypeModel model, int index) =>
        model.CodecClassName + "_Member" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
