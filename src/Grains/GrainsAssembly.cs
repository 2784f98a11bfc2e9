using System.Reflection;

namespace OrleansChat.Grains;

/// <summary>Names the assembly that holds the chat grains, for hosts that register grain assemblies.</summary>
public static class GrainsAssembly
{
    public static Assembly Assembly => typeof(GrainsAssembly).Assembly;
}
