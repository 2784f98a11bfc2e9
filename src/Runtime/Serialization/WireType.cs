namespace OrleansChat.Runtime.Serialization;

/// <summary>
/// How a field's payload is laid out, so a reader can skip fields it does not know (version tolerance).
/// A field header is the varint <c>(fieldId &lt;&lt; 3) | wireType</c>.
/// </summary>
public enum WireType : byte
{
    /// <summary>A varint (integers, booleans, enums; signed values zig-zag encoded).</summary>
    VarInt = 0,

    /// <summary>Four little-endian bytes (float).</summary>
    Fixed32 = 1,

    /// <summary>Eight little-endian bytes (double, DateTime ticks).</summary>
    Fixed64 = 2,

    /// <summary>A varint length followed by that many bytes (strings, byte arrays, objects, collections).</summary>
    LengthPrefixed = 3,

    /// <summary>No payload: the value is null.</summary>
    Null = 4,
}
