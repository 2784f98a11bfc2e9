using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// One call to one grain method: the arguments plus the generated code that invokes the method
/// and (de)serializes the arguments. Subclasses are produced by the code generator, one per
/// interface method; the runtime never uses reflection to invoke a method.
/// </summary>
public abstract class Request
{
    /// <summary>The id of the interface that declares the method (stable across builds; see <see cref="GrainInterfaceMetadata"/>).</summary>
    public abstract uint InterfaceId { get; }

    /// <summary>The method's index within its declaring interface.</summary>
    public abstract int MethodId { get; }

    /// <summary>The method name, for errors, logs and metrics.</summary>
    public abstract string MethodName { get; }

    /// <summary>Marked <see cref="ReadOnlyAttribute"/>: may interleave with other read-only requests.</summary>
    public virtual bool IsReadOnly => false;

    /// <summary>Marked <see cref="AlwaysInterleaveAttribute"/>: may interleave with any request.</summary>
    public virtual bool IsAlwaysInterleave => false;

    /// <summary>Request-context values captured from the caller (RequestContext); null when empty.</summary>
    public RequestContextData? Context { get; set; }

    /// <summary>Invokes the method on <paramref name="grain"/> and returns its task.</summary>
    public abstract Task Invoke(object grain);

    /// <summary>Writes the arguments as fields 0..n-1.</summary>
    public abstract void WriteArguments(ref Writer writer);

    /// <summary>Reads arguments written by <see cref="WriteArguments"/>; unknown fields are skipped.</summary>
    public abstract void ReadArguments(ref Reader reader);

    /// <summary>Replaces each argument that is not known to be immutable by a deep copy (local-call isolation).</summary>
    public abstract void CopyArguments();

    /// <summary>Writes the successful result of <paramref name="completed"/> as field 0 (nothing for void methods).</summary>
    public virtual void WriteResult(ref Writer writer, Task completed)
    {
    }

    /// <summary>A task that completes with the result read from <paramref name="reader"/> (void methods: completed task).</summary>
    public virtual Task ReadResultAsTask(ref Reader reader) => Task.CompletedTask;

    /// <summary>A task faulted with <paramref name="exception"/>, typed to this method's return type.</summary>
    public virtual Task FromException(Exception exception) => Task.FromException(exception);

    /// <summary>Deep copies a completed result for local-call isolation (no-op for void and immutable results).</summary>
    public virtual Task CopyResult(Task completed) => completed;

    public override string ToString() => MethodName;
}

/// <summary>A request for a method that returns <typeparamref name="TResult"/>.</summary>
public abstract class Request<TResult> : Request
{
    /// <summary>True when <typeparamref name="TResult"/> needs no deep copy between caller and callee.</summary>
    protected virtual bool ResultIsImmutable => DeepCopier.IsShallowCopyable<TResult>();

    /// <summary>Invokes the method and returns its typed task.</summary>
    public abstract Task<TResult> InvokeTyped(object grain);

    public sealed override Task Invoke(object grain) => InvokeTyped(grain);

    public sealed override void WriteResult(ref Writer writer, Task completed) =>
        writer.WriteField(0, ((Task<TResult>)completed).Result);

    public sealed override Task ReadResultAsTask(ref Reader reader)
    {
        var result = default(TResult)!;
        while (reader.TryReadFieldHeader(out var id, out var wireType))
        {
            if (id == 0)
            {
                result = reader.ReadValue<TResult>(wireType);
            }
            else
            {
                reader.SkipField(wireType);
            }
        }

        return Task.FromResult(result);
    }

    public sealed override Task FromException(Exception exception) => Task.FromException<TResult>(exception);

    public sealed override Task CopyResult(Task completed) =>
        ResultIsImmutable ? completed : Task.FromResult(DeepCopier.Copy(((Task<TResult>)completed).Result));
}
