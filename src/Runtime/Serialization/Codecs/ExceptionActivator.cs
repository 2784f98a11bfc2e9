using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// Rebuilds an exception from the type name that came over the wire. A name is trusted only as far as
/// it names an exception type in an assembly already loaded here: nothing is ever loaded because the
/// wire asked, generic instantiations and arrays are never resolved, and a type that is not an
/// <see cref="Exception"/> is never constructed (the classic deserialization attack is to name a type
/// whose constructor does harm). Anything else becomes a <see cref="RemoteGrainException"/>.
/// </summary>
internal static class ExceptionActivator
{
    // Only names that resolved to a real type are cached, so the cache is bounded by the types loaded
    // here however many distinct names a peer sends.
    private static readonly ConcurrentDictionary<(string Assembly, string Type), Constructors?> Known = new();

    private static readonly Type[] MessageAndInner = [typeof(string), typeof(Exception)];
    private static readonly Type[] MessageOnly = [typeof(string)];

    public static Exception Create(string? typeName, string? assemblyQualifiedName, string? message, Exception? inner)
    {
        if (typeName is not null && Find(typeName, assemblyQualifiedName) is { } constructors)
        {
            try
            {
                return constructors.Create(message, inner);
            }
            catch (TargetInvocationException)
            {
                // The type's own constructor refused this message; the stand-in keeps the information.
            }
        }

        return new RemoteGrainException(typeName ?? "(unknown)", message, inner)
        {
            OriginalAssemblyQualifiedName = assemblyQualifiedName,
        };
    }

    private static Constructors? Find(string typeName, string? assemblyQualifiedName)
    {
        if (typeName.Length == 0 || typeName.AsSpan().IndexOfAny("[]&*,") >= 0)
        {
            return null;
        }

        var assemblyName = SimpleAssemblyName(typeName, assemblyQualifiedName);
        if (assemblyName is null)
        {
            return null;
        }

        if (Known.TryGetValue((assemblyName, typeName), out var known))
        {
            return known;
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!string.Equals(assembly.GetName().Name, assemblyName, StringComparison.Ordinal))
            {
                continue;
            }

            var type = assembly.GetType(typeName, throwOnError: false, ignoreCase: false);
            if (type is not null)
            {
                return Known.GetOrAdd((assemblyName, typeName), Inspect(type));
            }
        }

        return null;
    }

    /// <summary>"Contoso.Error, Contoso.Core, Version=1.0.0.0, ..." gives "Contoso.Core". The version is ignored on purpose: peers may run different builds.</summary>
    private static string? SimpleAssemblyName(string typeName, string? assemblyQualifiedName)
    {
        if (assemblyQualifiedName is null
            || !assemblyQualifiedName.StartsWith(typeName, StringComparison.Ordinal)
            || assemblyQualifiedName.Length <= typeName.Length + 1
            || assemblyQualifiedName[typeName.Length] != ',')
        {
            return null;
        }

        var rest = assemblyQualifiedName.AsSpan(typeName.Length + 1);
        var comma = rest.IndexOf(',');
        var name = (comma >= 0 ? rest[..comma] : rest).Trim();
        return name.Length == 0 ? null : name.ToString();
    }

    private static Constructors? Inspect(Type type)
    {
        if (!typeof(Exception).IsAssignableFrom(type) || type.IsAbstract || type.ContainsGenericParameters)
        {
            return null;
        }

        var withInner = type.GetConstructor(MessageAndInner);
        var messageOnly = type.GetConstructor(MessageOnly);
        return withInner is null && messageOnly is null ? null : new Constructors(withInner, messageOnly);
    }

    /// <summary>
    /// The (string, Exception) constructor is preferred even without an inner exception: for types such as
    /// <see cref="ArgumentNullException"/> the single string parameter is not the message.
    /// </summary>
    private sealed record Constructors(ConstructorInfo? WithInner, ConstructorInfo? MessageOnly)
    {
        public Exception Create(string? message, Exception? inner) => WithInner is not null
            ? (Exception)WithInner.Invoke([message, inner])
            : (Exception)MessageOnly!.Invoke([message]);
    }
}
