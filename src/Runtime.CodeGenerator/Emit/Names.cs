namespace OrleansChat.Runtime.CodeGenerator.Emit;

/// <summary>Fully qualified names of the runtime types generated code uses.</summary>
internal static class Names
{
    public const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"OrleansChat.Runtime.CodeGenerator\", \"1.0\")]";
    public const string Request = "global::OrleansChat.Runtime.Invocation.Request";
    public const string GrainReference = "global::OrleansChat.Runtime.Invocation.GrainReference";
    public const string GrainInterfaceMetadata = "global::OrleansChat.Runtime.Invocation.GrainInterfaceMetadata";
    public const string GrainInterfaceRegistry = "global::OrleansChat.Runtime.Invocation.GrainInterfaceRegistry";
    public const string IGrainCallInvoker = "global::OrleansChat.Runtime.Invocation.IGrainCallInvoker";
    public const string GrainId = "global::OrleansChat.Runtime.GrainId";
    public const string Writer = "global::OrleansChat.Runtime.Serialization.Writer";
    public const string Reader = "global::OrleansChat.Runtime.Serialization.Reader";
    public const string WireType = "global::OrleansChat.Runtime.Serialization.WireType";
    public const string WireFormatException = "global::OrleansChat.Runtime.Serialization.WireFormatException";
    public const string DeepCopier = "global::OrleansChat.Runtime.Serialization.DeepCopier";
    public const string IFieldCodec = "global::OrleansChat.Runtime.Serialization.IFieldCodec";
    public const string CodecProvider = "global::OrleansChat.Runtime.Serialization.CodecProvider";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string Type = "global::System.Type";
    public const string UnsafeAccessor = "global::System.Runtime.CompilerServices.UnsafeAccessor";
    public const string UnsafeAccessorKind = "global::System.Runtime.CompilerServices.UnsafeAccessorKind";
}
