using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Runtime.Activation;

/// <summary>
/// How to build one grain class: which constructor, and where each argument comes from
/// (a service, or a persistent-state facet). Built once per class with reflection; activations
/// are rare next to calls, and calls never touch reflection.
/// </summary>
internal sealed class GrainConstructorPlan
{
    private static readonly MethodInfo CreateStateMethod =
        typeof(GrainConstructorPlan).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly ConstructorInfo _constructor;
    private readonly Func<IGrainContext, IServiceProvider, object?>[] _arguments;

    private GrainConstructorPlan(ConstructorInfo constructor, Func<IGrainContext, IServiceProvider, object?>[] arguments)
    {
        _constructor = constructor;
        _arguments = arguments;
    }

    public static GrainConstructorPlan Create(Type grainClass)
    {
        var constructor = grainClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.FullName} has no public constructor.");
        var arguments = constructor.GetParameters().Select(p => CreateArgumentSource(grainClass, p)).ToArray();
        return new GrainConstructorPlan(constructor, arguments);
    }

    /// <summary>Creates the grain instance; facets created for it are added to <paramref name="facets"/>.</summary>
    public object CreateInstance(IGrainContext context, IServiceProvider services, List<IActivationFacet> facets)
    {
        var values = new object?[_arguments.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _arguments[i](context, services);
            if (values[i] is IActivationFacet facet)
            {
                facets.Add(facet);
            }
        }

        var previous = GrainContextScope.Enter(context);
        try
        {
            return _constructor.Invoke(values);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
        finally
        {
            GrainContextScope.Exit(previous);
        }
    }

    private static Func<IGrainContext, IServiceProvider, object?> CreateArgumentSource(Type grainClass, ParameterInfo parameter)
    {
        var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (stateAttribute is not null)
        {
            if (!parameter.ParameterType.IsGenericType || parameter.ParameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"{grainClass.FullName}: [PersistentState] parameter '{parameter.Name}' must be of type IPersistentState<T>.");
            }

            var stateType = parameter.ParameterType.GetGenericArguments()[0];
            if (stateType.IsClass && stateType.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new InvalidOperationException(
                    $"{grainClass.FullName}: state type {stateType.FullName} needs a public parameterless constructor (its default when nothing is stored).");
            }

            var create = CreateStateMethod.MakeGenericMethod(stateType)
                .CreateDelegate<Func<IGrainContext, IServiceProvider, string, string, object>>();
            var stateName = stateAttribute.StateName;
            var storageName = stateAttribute.StorageName;
            return (context, services) => create(context, services, stateName, storageName);
        }

        var type = parameter.ParameterType;
        if (parameter.HasDefaultValue)
        {
            var fallback = parameter.DefaultValue;
            return (_, services) => services.GetService(type) ?? fallback;
        }

        return (_, services) => services.GetService(type)
            ?? throw new InvalidOperationException($"{grainClass.FullName}: no service of type {type.FullName} is registered for constructor parameter '{parameter.Name}'.");
    }

    private static object CreateState<TState>(IGrainContext context, IServiceProvider services, string stateName, string storageName)
    {
        var storage = services.GetKeyedService<IGrainStorage>(storageName)
            ?? throw new InvalidOperationException($"No grain storage named '{storageName}' is registered (needed by {context.GrainId}).");
        return new PersistentState<TState>(stateName, storageName, context.GrainId, storage);
    }
}
