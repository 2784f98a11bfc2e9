using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

/// <summary>A recursive type with a hand-written codec, shaped like generated code, to build deeply nested data.</summary>
internal sealed class Chain
{
    static Chain() => CodecProvider.Register(new ChainCodec());

    public Chain? Next { get; init; }

    public static Chain OfLength(int length)
    {
        var chain = new Chain();
        for (var i = 1; i < length; i++)
        {
            chain = new Chain { Next = chain };
        }

        return chain;
    }

    public int Length => 1 + (Next?.Length ?? 0);

    private sealed class ChainCodec : IFieldCodec<Chain?>
    {
        public bool IsShallowCopyable => false;

        public void WriteField(ref Writer writer, uint fieldId, Chain? value)
        {
            if (value is null)
            {
                writer.WriteNullField(fieldId);
                return;
            }

            writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
            var start = writer.BeginLengthPrefixed();
            if (value.Next is not null)
            {
                writer.WriteField(0, value.Next);
            }

            writer.EndLengthPrefixed(start);
        }

        public Chain? ReadValue(ref Reader reader, WireType wireType)
        {
            if (wireType == WireType.Null)
            {
                return null;
            }

            Reader.Expect(wireType, WireType.LengthPrefixed, typeof(Chain));
            var body = reader.ReadNested();
            Chain? next = null;
            while (body.TryReadFieldHeader(out var id, out var fieldType))
            {
                if (id == 0)
                {
                    next = body.ReadValue<Chain?>(fieldType);
                }
                else
                {
                    body.SkipField(fieldType);
                }
            }

            return new Chain { Next = next };
        }
    }
}
