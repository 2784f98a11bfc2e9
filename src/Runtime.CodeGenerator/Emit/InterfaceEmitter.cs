using System.Collections.Generic;
using System.Linq;
using OrleansChat.Runtime.CodeGenerator.Model;

namespace OrleansChat.Runtime.CodeGenerator.Emit;

/// <summary>Writes the proxy and metadata classes of a grain interface, and the request classes of any interface.</summary>
internal static class InterfaceEmitter
{
    /// <summary>The request classes of <paramref name="owner"/>'s own methods, in one file.</summary>
    public static string Requests(InterfaceModel owner)
    {
        var code = new CodeWriter().FileHeader();
        var first = true;
        foreach (var method in owner.Methods)
        {
            if (!first)
            {
                code.Line();
            }

            first = false;
            RequestEmitter.Write(code, owner, method);
        }

        return code.ToString();
    }

    /// <summary>The proxy and metadata of an interface declared in the compilation.</summary>
    public static string ProxyAndMetadata(GrainInterfaceModel model)
    {
        var self = model.Self;
        var code = new CodeWriter().FileHeader();
        WriteProxy(code, self, new[] { self }.Concat(model.BaseInterfaces));
        code.Line();
        WriteMetadata(code, self);
        return code.ToString();
    }

    private static void WriteProxy(CodeWriter code, InterfaceModel self, IEnumerable<InterfaceModel> implemented)
    {
        code.Line($"/// <summary>A reference to a grain or observer through {RequestEmitter.Escape(self.FullName)}; every call becomes a request sent by the invoker.</summary>");
        code.Line(Names.GeneratedCode);
        code.Open($"internal sealed class {self.ProxyClassName} : {Names.GrainReference}, {self.TypeName}");
        code.Line($"public {self.ProxyClassName}({Names.IGrainCallInvoker} invoker, {Names.GrainId} grainId)");
        code.Line("    : base(invoker, grainId)");
        code.Open();
        code.Close();
        code.Line();
        code.Line($"public override uint InterfaceId => {RequestEmitter.Hex(self.InterfaceId)};");

        foreach (var owner in implemented)
        {
            foreach (var method in owner.Methods)
            {
                code.Line();
                WriteProxyMethod(code, owner, method);
            }
        }

        code.Close();
    }

    private static void WriteProxyMethod(CodeWriter code, InterfaceModel owner, MethodModel method)
    {
        // Explicit implementations: no clash between same-named methods of two interfaces or with GrainReference's members.
        var parameters = string.Join(", ", method.Parameters.Select(static (p, i) => $"{p.Type} arg{RequestEmitter.Number(i)}"));
        code.Open($"{method.ReturnType} {owner.TypeName}.{Naming.Identifier(method.Name)}({parameters})");
        if (method.Parameters.Count == 0)
        {
            code.Line($"var request = new {method.RequestClassName}();");
        }
        else
        {
            var assignments = string.Join(", ", Enumerable.Range(0, method.Parameters.Count).Select(static i => $"Arg{RequestEmitter.Number(i)} = arg{RequestEmitter.Number(i)}"));
            code.Line($"var request = new {method.RequestClassName} {{ {assignments} }};");
        }

        var invoke = method.ResultType is null ? "InvokeAsync(request)" : $"InvokeAsync<{method.ResultType}>(request)";
        code.Line(method.ReturnKind switch
        {
            ReturnKind.ValueTask => $"return new {Names.ValueTask}({invoke});",
            ReturnKind.ValueTaskOfT => $"return new {Names.ValueTask}<{method.ResultType}>({invoke});",
            _ => $"return {invoke};",
        });
        code.Close();
    }

    private static void WriteMetadata(CodeWriter code, InterfaceModel self)
    {
        code.Line($"/// <summary>Ids and factories for {RequestEmitter.Escape(self.FullName)}. Method ids are declaration indexes unless pinned with [Id]: add new methods at the end.</summary>");
        code.Line(Names.GeneratedCode);
        code.Open($"internal sealed class {self.MetadataClassName} : {Names.GrainInterfaceMetadata}");
        code.Line($"public override {Names.Type} InterfaceType => typeof({self.TypeName});");
        code.Line();
        code.Line($"public override uint InterfaceId => {RequestEmitter.Hex(self.InterfaceId)};");
        code.Line();
        code.Line($"public override int MethodCount => {RequestEmitter.Number(self.MethodCount)};");
        code.Line();
        code.Line($"public override {Names.GrainReference} CreateReference({Names.IGrainCallInvoker} invoker, {Names.GrainId} grainId) => new {self.ProxyClassName}(invoker, grainId);");
        code.Line();
        code.Line($"public override {Names.Request}? CreateRequest(int methodId) => methodId switch");
        code.Line("{");
        foreach (var method in self.Methods)
        {
            code.Line($"    {RequestEmitter.Number(method.MethodId)} => new {method.RequestClassName}(),");
        }

        code.Line("    _ => null,");
        code.Line("};");
        code.Close();
    }
}
