using System.Reflection;

namespace OrleansChat.Runtime.Activation;

/// <summary>What the runtime knows about one grain class.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(string grainType, Type grainClass)
    {
        GrainType = grainType;
        GrainClass = grainClass;
        IsReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>(inherit: true) is not null;
        Interfaces = [.. grainClass.GetInterfaces().Where(IsUserGrainInterface)];
    }

    /// <summary>The grain type name, part of every grain id of this class.</summary>
    public string GrainType { get; }

    public Type GrainClass { get; }

    /// <summary>Marked <see cref="ReentrantAttribute"/>.</summary>
    public bool IsReentrant { get; }

    /// <summary>The grain interfaces the class implements (without the runtime's markers).</summary>
    public IReadOnlyList<Type> Interfaces { get; }

    /// <summary>The constructor plan, built on first activation.</summary>
    public GrainConstructorPlan? ConstructorPlan { get; set; }

    public static bool IsUserGrainInterface(Type type) =>
        type.IsInterface
        && typeof(IGrain).IsAssignableFrom(type)
        && type != typeof(IGrain)
        && type != typeof(IGrainWithStringKey)
        && type != typeof(IGrainWithGuidKey);
}
