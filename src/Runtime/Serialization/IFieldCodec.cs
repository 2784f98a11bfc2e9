namespace OrleansChat.Runtime.Serialization;

/// <summary>Writes and reads values of one type as fields. Built-in codecs cover primitives and collections; the code generator writes the rest.</summary>
public interface IFieldCodec<T>
{
    /// <summary>True when values never change after construction, so copies can share them.</summary>
    bool IsShallowCopyable { get; }

    /// <summary>Writes the field header for <paramref name="fieldId"/> and the value's payload.</summary>
    void WriteField(ref Writer writer, uint fieldId, T value);

    /// <summary>Reads a payload whose header (already consumed) carried <paramref name="wireType"/>.</summary>
    T ReadValue(ref Reader reader, WireType wireType);
}
