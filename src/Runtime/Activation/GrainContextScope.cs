namespace OrleansChat.Runtime;

/// <summary>
/// The activation whose grain instance is being constructed on this thread. The grain base class
/// reads it in its constructor, so grain classes need no runtime-specific constructor parameters.
/// </summary>
internal static class GrainContextScope
{
    [ThreadStatic]
    private static IGrainContext? _constructing;

    public static IGrainContext? Constructing => _constructing;

    public static IGrainContext? Enter(IGrainContext context)
    {
        var previous = _constructing;
        _constructing = context;
        return previous;
    }

    public static void Exit(IGrainContext? previous) => _constructing = previous;
}
