using Microsoft.CodeAnalysis;

namespace OrleansChat.Runtime.CodeGenerator.Analysis;

/// <summary>An [Id] field or property found while analysing a [GenerateSerializer] type.</summary>
internal sealed class SerializedMember(ISymbol symbol, uint id, ITypeSymbol type)
{
    public ISymbol Symbol { get; } = symbol;

    public uint Id { get; } = id;

    public ITypeSymbol Type { get; } = type;
}
