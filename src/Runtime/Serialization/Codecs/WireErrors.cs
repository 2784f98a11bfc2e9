namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>The errors codecs raise for data that does not decode to a valid value.</summary>
internal static class WireErrors
{
    public static WireFormatException OutOfRange(Type type, long value) =>
        new($"The value {value} is out of range for {TypeNames.Of(type)}.");

    public static WireFormatException OutOfRange(Type type, ulong value) =>
        new($"The value {value} is out of range for {TypeNames.Of(type)}.");

    public static WireFormatException BadLength(Type type, int expected, int actual) =>
        new($"A {TypeNames.Of(type)} payload must be {expected} bytes, found {actual}.");

    public static WireFormatException Invalid(Type type, Exception inner) =>
        new($"The data does not describe a valid {TypeNames.Of(type)}: {inner.Message}", inner);
}
