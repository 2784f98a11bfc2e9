namespace OrleansChat.Runtime.Streams;

/// <summary>Identity of a stream (Orleans' StreamId): a namespace such as "room" and a key such as the room id.</summary>
[GenerateSerializer]
[Immutable]
public readonly record struct StreamId([property: Id(0)] string Namespace, [property: Id(1)] string Key)
{
    public override string ToString() => $"{Namespace}/{Key}";
}
