using System.Runtime.CompilerServices;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// An enum as its underlying value widened to <see cref="long"/>, zig-zag varint encoded, so an enum field
/// can become an integer field (or the reverse) between versions. Undefined values are kept, not
/// rejected: a newer peer may know members this build does not, and flags combine freely.
/// </summary>
internal sealed class EnumCodec<TEnum> : IFieldCodec<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TypeCode Underlying = Type.GetTypeCode(Enum.GetUnderlyingType(typeof(TEnum)));

    public EnumCodec()
    {
        if (Underlying is < TypeCode.SByte or > TypeCode.UInt64)
        {
            throw new NotSupportedException($"No serializer for enum {typeof(TEnum).FullName}: its underlying type {Underlying} is not an integer type.");
        }
    }

    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, TEnum value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(ToInt64(value));
    }

    public TEnum ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(TEnum));
        return FromInt64(reader.ReadVarInt64());
    }

    private static long ToInt64(TEnum value) => Underlying switch
    {
        TypeCode.SByte => Unsafe.As<TEnum, sbyte>(ref value),
        TypeCode.Byte => Unsafe.As<TEnum, byte>(ref value),
        TypeCode.Int16 => Unsafe.As<TEnum, short>(ref value),
        TypeCode.UInt16 => Unsafe.As<TEnum, ushort>(ref value),
        TypeCode.Int32 => Unsafe.As<TEnum, int>(ref value),
        TypeCode.UInt32 => Unsafe.As<TEnum, uint>(ref value),

        // A ulong above long.MaxValue wraps to a negative long and wraps back on read.
        TypeCode.UInt64 => unchecked((long)Unsafe.As<TEnum, ulong>(ref value)),
        _ => Unsafe.As<TEnum, long>(ref value),
    };

    private static TEnum FromInt64(long value)
    {
        switch (Underlying)
        {
            case TypeCode.SByte:
                var int8 = value is >= sbyte.MinValue and <= sbyte.MaxValue ? (sbyte)value : throw OutOfRange(value);
                return Unsafe.As<sbyte, TEnum>(ref int8);
            case TypeCode.Byte:
                var uint8 = value is >= byte.MinValue and <= byte.MaxValue ? (byte)value : throw OutOfRange(value);
                return Unsafe.As<byte, TEnum>(ref uint8);
            case TypeCode.Int16:
                var int16 = value is >= short.MinValue and <= short.MaxValue ? (short)value : throw OutOfRange(value);
                return Unsafe.As<short, TEnum>(ref int16);
            case TypeCode.UInt16:
                var uint16 = value is >= ushort.MinValue and <= ushort.MaxValue ? (ushort)value : throw OutOfRange(value);
                return Unsafe.As<ushort, TEnum>(ref uint16);
            case TypeCode.Int32:
                var int32 = value is >= int.MinValue and <= int.MaxValue ? (int)value : throw OutOfRange(value);
                return Unsafe.As<int, TEnum>(ref int32);
            case TypeCode.UInt32:
                var uint32 = value is >= uint.MinValue and <= uint.MaxValue ? (uint)value : throw OutOfRange(value);
                return Unsafe.As<uint, TEnum>(ref uint32);
            case TypeCode.UInt64:
                var uint64 = unchecked((ulong)value);
                return Unsafe.As<ulong, TEnum>(ref uint64);
            default:
                return Unsafe.As<long, TEnum>(ref value);
        }
    }

    private static WireFormatException OutOfRange(long value) => WireErrors.OutOfRange(typeof(TEnum), value);
}
