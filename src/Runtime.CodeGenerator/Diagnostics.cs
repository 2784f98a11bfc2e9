using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator;

/// <summary>
/// Everything the generator refuses, as compile errors. OCG00x: grain and observer interfaces;
/// OCG02x: serializable types; OCG09x: the generated code as a whole.
/// </summary>
internal static class Diagnostics
{
    private const string Category = "OrleansChat.CodeGeneration";

    public static readonly DiagnosticDescriptor InvalidReturnType = Error(
        "OCG001",
        "Grain method must return a task",
        "Grain method '{0}' returns '{1}'; grain and observer methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "OCG002",
        "Grain method parameter is passed by reference",
        "Parameter '{0}' of grain method '{1}' is '{2}'; ref, out and in parameters cannot cross a grain call, pass values and return results instead");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "OCG003",
        "Generic grain methods are not supported",
        "Grain method '{0}' is generic; generic grain methods are not supported, use concrete types");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "OCG004",
        "Generic grain interfaces are not supported",
        "Grain interface '{0}' is generic; generic grain and observer interfaces are not supported");

    public static readonly DiagnosticDescriptor NonMethodMember = Error(
        "OCG005",
        "Grain interfaces may only declare methods",
        "'{0}' is a {1} on grain interface '{2}'; grain and observer interfaces may only declare methods returning tasks");

    public static readonly DiagnosticDescriptor DuplicateMethodId = Error(
        "OCG006",
        "Duplicate grain method id",
        "Grain method '{0}' has method id {1}, which '{2}' on interface '{3}' already uses; method ids must be unique within an interface");

    public static readonly DiagnosticDescriptor CancellationTokenParameter = Error(
        "OCG007",
        "CancellationToken parameters are not supported yet",
        "Parameter '{0}' of grain method '{1}' is a CancellationToken; cancellation of grain calls is not supported yet, remove the parameter");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "OCG008",
        "Grain method parameter type cannot be sent",
        "Parameter '{0}' of grain method '{1}' has type '{2}', which cannot be stored in a request (ref struct or pointer)");

    public static readonly DiagnosticDescriptor InaccessibleType = Error(
        "OCG009",
        "Type is not accessible to generated code",
        "'{0}' is private, protected or file-local; generated code cannot use it, make it internal or public");

    public static readonly DiagnosticDescriptor NonGrainBaseInterface = Error(
        "OCG010",
        "Grain interface extends a non-grain interface",
        "Grain interface '{0}' extends '{1}', which does not extend IGrain or IGrainObserver; its methods would have no interface id on the wire");

    public static readonly DiagnosticDescriptor DuplicateInterfaceId = Error(
        "OCG011",
        "Duplicate grain interface id",
        "Interfaces '{0}' and '{1}' have the same interface id 0x{2}; give one of them an [Alias]");

    public static readonly DiagnosticDescriptor DuplicateFieldId = Error(
        "OCG020",
        "Duplicate serialized field id",
        "Member '{0}' of '{1}' has field id {2}, which '{3}' already uses in this type or a base type; ids must be unique across the type hierarchy");

    public static readonly DiagnosticDescriptor MemberNotSettable = Error(
        "OCG021",
        "Serialized member cannot be read or restored",
        "Member '{0}' of '{1}' cannot be {2}; give it a getter and a setter or init accessor, or make it a constructor parameter");

    public static readonly DiagnosticDescriptor NoConstructor = Error(
        "OCG022",
        "No usable constructor",
        "'{0}' has no accessible constructor whose parameters all match [Id] members by name; add one (a parameterless constructor works)");

    public static readonly DiagnosticDescriptor RequiredMemberWithoutId = Error(
        "OCG023",
        "Required member is not serialized",
        "Required member '{0}' of '{1}' has no [Id]; a required member must be serialized so it can be set when reading");

    public static readonly DiagnosticDescriptor IdOnConstructorParameter = Error(
        "OCG024",
        "[Id] on a constructor parameter",
        "[Id] on parameter '{0}' of a constructor of '{1}' has no effect; only record positional parameters map to members, put [Id] on the field or property");

    public static readonly DiagnosticDescriptor GeneratedNameCollision = Error(
        "OCG090",
        "Generated names collide",
        "'{0}' and '{1}' both map to generated type name '{2}'; rename one of them");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = typeof(Diagnostics)
        .GetFields()
        .Where(static f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(static f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(static d => d.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
