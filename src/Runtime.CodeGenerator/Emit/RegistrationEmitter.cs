using System.Collections.Generic;
using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator.Emit;

/// <summary>Writes the module initializer that registers every generated metadata and codec of the assembly.</summary>
internal static class RegistrationEmitter
{
    public static string ClassName(string? assemblyName) => Naming.Mangle(assemblyName ?? "Assembly") + "_Registration";

    public static string Write(string className, IReadOnlyList<InterfaceModel> interfaces, IReadOnlyList<SerializableTypeModel> codecs)
    {
        var code = new CodeWriter().FileHeader();
        code.Line("/// <summary>Registers this assembly's generated grain interface metadata and codecs when the assembly loads.</summary>");
        code.Line(Names.GeneratedCode);
        code.Open($"internal static class {className}");
        code.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        code.Open("internal static void Register()");
        foreach (var codec in codecs)
        {
            code.Line(codec.IsGeneric
                ? $"{Names.CodecProvider}.RegisterGeneric(typeof({codec.UnboundTypeName}), typeof({codec.UnboundCodecName}));"
                : $"{Names.CodecProvider}.Register<{codec.TypeName}>(new {codec.CodecClassName}());");
        }

        foreach (var grainInterface in interfaces)
        {
            code.Line($"{Names.GrainInterfaceRegistry}.Register(new {grainInterface.MetadataClassName}());");
        }

        code.Close();
        code.Close();
        return code.ToString();
    }
}
