namespace OrleansChat.Runtime.CodeGenerator.Model;

/// <summary>How generated code reads a member's value.</summary>
internal enum ReadAccess
{
    /// <summary><c>value.Member</c>.</summary>
    Direct,

    /// <summary>An [UnsafeAccessor] for the (inaccessible) getter.</summary>
    GetterAccessor,

    /// <summary>An [UnsafeAccessor] returning a ref to the (inaccessible) field.</summary>
    FieldAccessor,
}

/// <summary>How generated code restores a member's value.</summary>
internal enum WriteAccess
{
    /// <summary>Passed to the chosen constructor.</summary>
    Constructor,

    /// <summary>Set in the object initializer (required members).</summary>
    Initializer,

    /// <summary><c>result.Member = ...</c> after construction, only when the field was present.</summary>
    Direct,

    /// <summary>An [UnsafeAccessor] for the setter or init accessor, after construction, only when present.</summary>
    SetterAccessor,

    /// <summary>An [UnsafeAccessor] returning a ref to the field (readonly, private or an auto-property's backing field).</summary>
    FieldAccessor,
}

/// <summary>
/// For a member declared in a generic type: [UnsafeAccessor] binds only to generic targets expressed over
/// the accessor class's own type parameters, so its accessors live in a generic class of their own.
/// </summary>
/// <param name="TypeParameters">The declaring type definition's type parameters (containing types' first).</param>
/// <param name="TypeArguments">What they are instantiated with, as seen from the codec.</param>
/// <param name="DeclaringType">The declaring type over <paramref name="TypeParameters"/>.</param>
/// <param name="MemberType">The member's type over <paramref name="TypeParameters"/>.</param>
internal sealed record GenericAccessorHost(
    EquatableArray<string> TypeParameters,
    EquatableArray<string> ConstraintClauses,
    EquatableArray<string> TypeArguments,
    string DeclaringType,
    string MemberType);

/// <summary>One serialized member ([Id] field or property, or record positional parameter).</summary>
/// <param name="DeclaringType">The type that declares the member, in C# syntax, for accessors.</param>
/// <param name="FieldName">The metadata name an accessor binds to (field name, backing field name); null when none is needed.</param>
/// <param name="DefaultValue">The expression a constructor argument takes when the field is absent.</param>
/// <param name="GenericHost">Set when accessors are needed and the declaring type is generic.</param>
internal sealed record MemberModel(
    string Name,
    uint FieldId,
    string Type,
    bool NullCheck,
    string DeclaringType,
    ReadAccess Read,
    WriteAccess Write,
    string? FieldName,
    string DefaultValue,
    GenericAccessorHost? GenericHost)
{
    public bool NeedsAccessors => Read != ReadAccess.Direct || Write is WriteAccess.SetterAccessor or WriteAccess.FieldAccessor;
}

/// <summary>A [GenerateSerializer] type and the codec generated for it.</summary>
/// <param name="FullName">CLR-style full name with arity: the de-duplication key.</param>
/// <param name="TypeName">The type in C# syntax, inside the codec (type parameters by name).</param>
/// <param name="UnboundTypeName">For generic types: the open type for typeof (Foo&lt;&gt;); null otherwise.</param>
/// <param name="ConstructorArguments">Indexes into <see cref="Members"/>, in constructor parameter order.</param>
/// <param name="CanGenerate">False for abstract types and types with errors: no codec is generated.</param>
internal sealed record SerializableTypeModel(
    string FullName,
    string TypeName,
    string CodecClassName,
    EquatableArray<string> TypeParameters,
    EquatableArray<string> ConstraintClauses,
    string? UnboundTypeName,
    bool IsValueType,
    bool IsSealed,
    bool IsImmutable,
    EquatableArray<MemberModel> Members,
    EquatableArray<int> ConstructorArguments,
    bool CanGenerate,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? Location)
{
    public bool IsGeneric => TypeParameters.Count > 0;

    /// <summary>The codec class for typeof: Foo_Codec&lt;,&gt; for generic types.</summary>
    public string UnboundCodecName => IsGeneric ? CodecClassName + "<" + new string(',', TypeParameters.Count - 1) + ">" : CodecClassName;

    /// <summary>The codec class as a type: Foo_Codec&lt;T, U&gt; for generic types.</summary>
    public string CodecTypeName => IsGeneric ? CodecClassName + "<" + string.Join(", ", TypeParameters) + ">" : CodecClassName;
}
