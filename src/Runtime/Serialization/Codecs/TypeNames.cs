namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>Readable type names for error messages ("List&lt;String&gt;" rather than "List`1").</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
    }
}
