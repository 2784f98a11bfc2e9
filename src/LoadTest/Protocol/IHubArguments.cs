using System.Text.Json;

namespace OrleansChat.LoadTest.Protocol;

/// <summary>Writes the <c>arguments</c> array of an invocation (the array's elements only).</summary>
internal interface IHubArguments
{
    void Write(Utf8JsonWriter writer);
}
