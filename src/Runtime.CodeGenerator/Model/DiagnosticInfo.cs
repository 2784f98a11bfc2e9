using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator.Model;

/// <summary>
/// A diagnostic held as plain values. Roslyn's <see cref="Diagnostic"/> and <see cref="Location"/>
/// keep syntax trees alive and do not compare by value, so models carry this instead.
/// </summary>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        Create(descriptor, LocationInfo.From(location), arguments);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Diagnostics.ById(DescriptorId),
            Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
            Arguments.Select(static a => (object)a).ToArray());
}
