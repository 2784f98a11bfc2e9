using System.Runtime.CompilerServices;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class ExceptionCodecTests
{
    [Fact]
    public void An_exception_round_trips_with_type_message_inner_hresult_and_remote_stack_trace()
    {
        var thrown = Catch(() => ThrowFromNamedFrame());

        var copy = Wire.RoundTrip(thrown)!;

        var outer = Assert.IsType<InvalidOperationException>(copy);
        Assert.Equal("room is closed", outer.Message);
        Assert.Equal(thrown.HResult, outer.HResult);
        Assert.Contains(nameof(ThrowFromNamedFrame), outer.StackTrace, StringComparison.Ordinal);
        var inner = Assert.IsType<ArgumentException>(outer.InnerException);
        Assert.Equal(thrown.InnerException!.Message, inner.Message);
    }

    [Fact]
    public void A_field_typed_exception_gets_the_concrete_type_back()
    {
        Exception thrown = new KeyNotFoundException("no such room");
        Assert.IsType<KeyNotFoundException>(Wire.RoundTrip(thrown));
    }

    [Fact]
    public void A_project_exception_type_round_trips_as_itself()
    {
        var copy = Wire.RoundTrip<Exception>(new QuotaExceededException("too many messages", new TimeoutException("slow")));
        var quota = Assert.IsType<QuotaExceededException>(copy);
        Assert.Equal("too many messages", quota.Message);
        Assert.IsType<TimeoutException>(quota.InnerException);
    }

    [Fact]
    public void The_message_of_an_argument_null_exception_is_kept_exactly()
    {
        var thrown = new ArgumentNullException("roomId", "A room id is required.");
        var copy = Assert.IsType<ArgumentNullException>(Wire.RoundTrip<Exception>(thrown));
        Assert.Equal(thrown.Message, copy.Message);
    }

    [Fact]
    public void Null_exceptions_round_trip()
    {
        Assert.Null(Wire.RoundTrip<Exception?>(null));
        Assert.Null(Wire.RoundTrip<InvalidOperationException?>(null));
    }

    [Fact]
    public void An_unknown_type_name_becomes_a_remote_grain_exception_keeping_the_original_name()
    {
        var data = Remote("Contoso.Billing.CardDeclinedException", "Contoso.Billing.CardDeclinedException, Contoso.Billing, Version=1.0.0.0", "declined", "   at Contoso.Billing.Charge()");

        var copy = Assert.IsType<RemoteGrainException>(Serializer.Deserialize<Exception>(data));

        Assert.Equal("Contoso.Billing.CardDeclinedException", copy.OriginalTypeName);
        Assert.Equal("declined", copy.Message);
        Assert.Contains("Contoso.Billing.Charge", copy.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_name_that_is_not_an_exception_is_never_instantiated()
    {
        var type = typeof(Tripwire);
        var data = Remote(type.FullName!, type.AssemblyQualifiedName!, "payload", null);

        var copy = Assert.IsType<RemoteGrainException>(Serializer.Deserialize<Exception>(data));

        Assert.Equal(type.FullName, copy.OriginalTypeName);
        Assert.Equal(0, Tripwire.Constructed);
    }

    [Fact]
    public void Generic_and_array_type_names_are_never_resolved()
    {
        var generic = typeof(GenericFailure<int>);
        var copy = Assert.IsType<RemoteGrainException>(Serializer.Deserialize<Exception>(Remote(generic.FullName!, generic.AssemblyQualifiedName!, "m", null)));
        Assert.Equal(generic.FullName, copy.OriginalTypeName);
    }

    [Fact]
    public void An_exception_type_without_a_usable_constructor_becomes_a_remote_grain_exception()
    {
        var copy = Assert.IsType<RemoteGrainException>(Wire.RoundTrip<Exception>(new CodedFailure(42)));
        Assert.Equal(typeof(CodedFailure).FullName, copy.OriginalTypeName);
        Assert.Equal("code 42", copy.Message);
    }

    [Fact]
    public void An_exception_whose_constructor_throws_becomes_a_remote_grain_exception()
    {
        var copy = Assert.IsType<RemoteGrainException>(Wire.RoundTrip<Exception>(PickyFailure.Create()));
        Assert.Equal(typeof(PickyFailure).FullName, copy.OriginalTypeName);
    }

    [Fact]
    public void A_remote_grain_exception_passed_on_keeps_the_original_type()
    {
        var unknown = Remote("Contoso.Unknown", "Contoso.Unknown, Contoso", "first hop", null);
        var firstHop = Serializer.Deserialize<Exception>(unknown)!;

        var secondHop = Assert.IsType<RemoteGrainException>(Wire.RoundTrip(firstHop));

        Assert.Equal("Contoso.Unknown", secondHop.OriginalTypeName);
        Assert.Equal("first hop", secondHop.Message);
    }

    [Fact]
    public void A_stand_in_passed_to_a_process_that_knows_the_type_is_rebuilt_as_that_type()
    {
        var type = typeof(QuotaExceededException);
        var standIn = new RemoteGrainException(type.FullName!, "limit", null) { OriginalAssemblyQualifiedName = type.AssemblyQualifiedName };

        var rebuilt = Assert.IsType<QuotaExceededException>(Wire.RoundTrip<Exception>(standIn));
        Assert.Equal("limit", rebuilt.Message);

        // Without the assembly name the type is not guessed.
        Assert.IsType<RemoteGrainException>(Wire.RoundTrip<Exception>(new RemoteGrainException(type.FullName!, "limit", null)));
    }

    [Fact]
    public void An_exception_read_into_a_narrower_type_is_wrapped_in_that_type()
    {
        var data = Serializer.Serialize<Exception>(new ArgumentException("bad argument"));

        var wrapped = Serializer.Deserialize<InvalidOperationException>(data)!;

        Assert.IsType<InvalidOperationException>(wrapped);
        var inner = Assert.IsType<ArgumentException>(wrapped.InnerException);
        Assert.Equal("bad argument", inner.Message);
    }

    [Fact]
    public void An_exception_read_into_a_narrower_type_that_cannot_wrap_is_a_wire_format_error()
    {
        var data = Serializer.Serialize<Exception>(new ArgumentException("bad argument"));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<CodedFailure>(data));
    }

    [Fact]
    public void Exceptions_are_shared_by_the_deep_copier()
    {
        var exception = new InvalidOperationException("x");
        Assert.True(DeepCopier.IsShallowCopyable<InvalidOperationException>());
        Assert.Same(exception, DeepCopier.Copy(exception));

        var list = new List<Exception> { exception };
        var copy = DeepCopier.Copy(list);
        Assert.NotSame(list, copy);
        Assert.Same(exception, Assert.Single(copy));
    }

    private static byte[] Remote(string typeName, string assemblyQualifiedName, string message, string? stackTrace) =>
        Wire.Object((ref Writer writer) =>
        {
            writer.WriteField(0, typeName);
            writer.WriteField(1, assemblyQualifiedName);
            writer.WriteField(2, message);
            if (stackTrace is not null)
            {
                writer.WriteField(3, stackTrace);
            }
        });

    private static Exception Catch(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("Expected the action to throw.");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromNamedFrame() =>
        throw new InvalidOperationException("room is closed", new ArgumentException("inner detail", "roomId")) { HResult = 12345 };

    public sealed class QuotaExceededException(string message, Exception? inner) : Exception(message, inner);

    public sealed class CodedFailure(int code) : Exception($"code {code}");

    /// <summary>Its public constructor refuses the message that its factory uses.</summary>
    public sealed class PickyFailure : Exception
    {
        public PickyFailure(string message)
            : base(message)
        {
            if (message == "forbidden")
            {
                throw new ArgumentException("This message cannot be rebuilt.", nameof(message));
            }
        }

        private PickyFailure()
            : base("forbidden")
        {
        }

        public static PickyFailure Create() => new();
    }

    public sealed class GenericFailure<T>(string message) : Exception(message);

    /// <summary>Not an exception, but with the constructor shape the reader looks for.</summary>
    public sealed class Tripwire
    {
        private static int _constructed;

        public Tripwire(string message)
        {
            _ = message;
            Interlocked.Increment(ref _constructed);
        }

        public Tripwire(string message, Exception inner)
            : this(message)
        {
            _ = inner;
        }

        public static int Constructed => Volatile.Read(ref _constructed);
    }
}
