namespace OrleansChat.Runtime.CodeGenerator.Model;

/// <summary>How a grain method returns.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>One parameter of a grain method.</summary>
/// <param name="Type">The parameter type in C# syntax, with nullable annotations.</param>
/// <param name="IsImmutable">True when local calls may share the argument instead of copying it.</param>
internal sealed record ParameterModel(string Type, bool IsImmutable);

/// <summary>One grain method and the request class that carries its calls.</summary>
internal sealed record MethodModel(
    string Name,
    int MethodId,
    ReturnKind ReturnKind,
    string ReturnType,
    string? ResultType,
    bool ResultIsImmutable,
    bool IsReadOnly,
    bool IsAlwaysInterleave,
    EquatableArray<ParameterModel> Parameters,
    string RequestClassName);

/// <summary>One grain or observer interface, with the methods it declares itself.</summary>
/// <param name="FullName">Namespace + "." + name, nested types joined with "+": the input of the id when there is no alias.</param>
/// <param name="TypeName">The interface in C# syntax (global::...).</param>
/// <param name="MangledName">The prefix of every generated type name for this interface.</param>
/// <param name="IsInCompilation">Declared in the compilation being generated (gets a proxy and metadata).</param>
/// <param name="RequestsExistElsewhere">Declared elsewhere, and that assembly's generated request classes are visible here.</param>
internal sealed record InterfaceModel(
    string FullName,
    string TypeName,
    string MangledName,
    uint InterfaceId,
    int MethodCount,
    EquatableArray<MethodModel> Methods,
    bool IsInCompilation,
    bool RequestsExistElsewhere,
    bool HasErrors,
    LocationInfo? Location)
{
    public string ProxyClassName => MangledName + "_Proxy";

    public string MetadataClassName => MangledName + "_Metadata";
}

/// <summary>A grain interface declared in the compilation, plus every grain interface it extends.</summary>
internal sealed record GrainInterfaceModel(
    InterfaceModel Self,
    EquatableArray<InterfaceModel> BaseInterfaces,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>No code is generated for an interface whose own or inherited methods are invalid.</summary>
    public bool CanGenerate => Diagnostics.Count == 0 && !Self.HasErrors && !System.Linq.Enumerable.Any(BaseInterfaces, static b => b.HasErrors);
}
