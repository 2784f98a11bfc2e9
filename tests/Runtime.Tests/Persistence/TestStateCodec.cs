using System.Text;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Persistence;

/// <summary>
/// Test scaffolding standing in for generated code: an object is a length-prefixed body with
/// field 0 = name (UTF-8) and field 1 = count (zig-zag varint); unknown fields are skipped.
/// </summary>
internal sealed class TestStateCodec : IFieldCodec<TestState>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, TestState value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var body = writer.BeginLengthPrefixed();
        writer.WriteFieldHeader(0, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(Encoding.UTF8.GetBytes(value.Name));
        writer.WriteFieldHeader(1, WireType.VarInt);
        writer.WriteVarInt64(value.Count);
        writer.EndLengthPrefixed(body);
    }

    public TestState ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null!;
        }

        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(TestState));
        var body = reader.ReadNested();
        var name = string.Empty;
        var count = 0;
        while (body.TryReadFieldHeader(out var id, out var fieldWireType))
        {
            switch (id)
            {
                case 0:
                    Reader.Expect(fieldWireType, WireType.LengthPrefixed, typeof(string));
                    name = Encoding.UTF8.GetString(body.ReadLengthPrefixed());
                    break;
                case 1:
                    Reader.Expect(fieldWireType, WireType.VarInt, typeof(int));
                    count = checked((int)body.ReadVarInt64());
                    break;
                default:
                    body.SkipField(fieldWireType);
                    break;
            }
        }

        return new TestState(name, count);
    }
}
