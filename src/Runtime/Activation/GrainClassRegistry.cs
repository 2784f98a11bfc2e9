using System.Reflection;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Runtime.Activation;

/// <summary>
/// Maps grain interfaces to grain types and grain types to classes. Built once at start-up from
/// the configured assemblies; clients (the gateway) use it too, to name the grain type of a reference.
/// </summary>
internal sealed class GrainClassRegistry
{
    private readonly Dictionary<string, GrainClassInfo> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _typeByInterface = [];

    public GrainClassRegistry(IOptions<GrainRuntimeOptions> options)
        : this(options.Value.GrainAssemblies)
    {
    }

    public GrainClassRegistry(IEnumerable<Assembly> assemblies)
    {
        var ambiguous = new HashSet<Type>();
        // The runtime's own system grains (stream rendezvous) are always known.
        var distinct = assemblies.Append(typeof(GrainClassRegistry).Assembly).Distinct().ToArray();
        foreach (var assembly in distinct)
        {
            // Generated proxies and request decoders register from module initializers, which run only when a
            // module is first touched; a silo must know them before the first call arrives over the wire.
            System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        }

        foreach (var grainClass in distinct.SelectMany(SafeGetTypes).Where(IsGrainClass))
        {
            var info = new GrainClassInfo(GetGrainTypeName(grainClass), grainClass);
            if (!_byType.TryAdd(info.GrainType, info))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byType[info.GrainType].GrainClass.FullName} and {grainClass.FullName} both have grain type '{info.GrainType}'; give one a [GrainType].");
            }

            foreach (var grainInterface in info.Interfaces)
            {
                System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(grainInterface.Module.ModuleHandle);
                if (!_typeByInterface.TryAdd(grainInterface, info.GrainType))
                {
                    ambiguous.Add(grainInterface);
                }
            }
        }

        // An interface implemented by two classes cannot name one grain type; calls through it are refused with a clear error.
        foreach (var grainInterface in ambiguous)
        {
            _typeByInterface[grainInterface] = string.Empty;
        }
    }

    public IEnumerable<GrainClassInfo> Classes => _byType.Values;

    /// <summary>The class for a grain type, or null when this process knows no such type.</summary>
    public GrainClassInfo? FindClass(string grainType) => _byType.GetValueOrDefault(grainType);

    /// <summary>The grain type that implements <paramref name="grainInterface"/>.</summary>
    public string GetGrainType(Type grainInterface)
    {
        if (_typeByInterface.TryGetValue(grainInterface, out var grainType))
        {
            return grainType.Length > 0
                ? grainType
                : throw new InvalidOperationException($"More than one grain class implements {grainInterface.FullName}; call GetGrain with a GrainId instead.");
        }

        throw new InvalidOperationException($"No grain class implements {grainInterface.FullName}. Add its assembly to GrainRuntimeOptions.GrainAssemblies.");
    }

    /// <summary>Orleans' default naming: "RoomGrain" becomes "room"; [GrainType] overrides.</summary>
    public static string GetGrainTypeName(Type grainClass)
    {
        var explicitName = grainClass.GetCustomAttribute<GrainTypeAttribute>(inherit: false)?.GrainType;
        if (!string.IsNullOrWhiteSpace(explicitName))
        {
            return explicitName;
        }

        var name = grainClass.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
        {
            name = name[..^"Grain".Length];
        }

        return name.ToLowerInvariant();
    }

    private static bool IsGrainClass(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(Grain).IsAssignableFrom(type);

    private static IEnumerable<Type> SafeGetTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.Where(t => t is not null)!;
        }
    }
}
