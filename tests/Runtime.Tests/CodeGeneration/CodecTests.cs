using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

public sealed class CodecTests
{
    [Fact]
    public void Record_with_ids_on_positional_parameters_round_trips()
    {
        var line = new ChatLine("ada", "hello", 42);

        Assert.Equal(line, RoundTrip(line));
    }

    [Fact]
    public void Class_with_init_and_settable_properties_round_trips()
    {
        var profile = new Profile { Name = "ada", Tags = ["admin", "ops"], Age = 36 };

        var copy = RoundTrip(profile);

        Assert.Equal("ada", copy.Name);
        Assert.Equal(["admin", "ops"], copy.Tags);
        Assert.Equal(36, copy.Age);
    }

    [Fact]
    public void Null_member_is_left_out_and_reads_as_null()
    {
        var page = new Page<int> { Items = [1, 2], NextCursor = null };

        Assert.Null(RoundTrip(page).NextCursor);
    }

    [Fact]
    public void Struct_with_fields_round_trips()
    {
        var point = new GeoPoint { Latitude = 52.37, Longitude = 4.89 };

        var copy = RoundTrip(point);

        Assert.Equal(52.37, copy.Latitude);
        Assert.Equal(4.89, copy.Longitude);
    }

    [Fact]
    public void Readonly_record_struct_round_trips()
    {
        var range = new TextRange(3, 9);

        Assert.Equal(range, RoundTrip(range));
    }

    [Fact]
    public void Generic_type_round_trips_for_several_type_arguments()
    {
        var lines = new Page<ChatLine> { Items = [new ChatLine("ada", "hi", 1), new ChatLine("bob", "yo", 2)], NextCursor = "c2" };
        var numbers = new Page<int> { Items = [1, 2, 3] };

        var linesCopy = RoundTrip(lines);
        var numbersCopy = RoundTrip(numbers);

        Assert.Equal(lines.Items, linesCopy.Items);
        Assert.Equal("c2", linesCopy.NextCursor);
        Assert.Equal([1, 2, 3], numbersCopy.Items);
    }

    [Fact]
    public void Derived_class_round_trips_with_its_base_class_members()
    {
        var dog = new Dog { Name = "Rex", Age = 4 };

        var copy = RoundTrip(dog);

        Assert.Equal("Rex", copy.Name);
        Assert.Equal(4, copy.Age);
    }

    [Fact]
    public void Derived_record_round_trips_with_its_base_record_members()
    {
        var circle = new Circle("wheel", 0.5);

        Assert.Equal(circle, RoundTrip(circle));
    }

    [Fact]
    public void Private_field_private_setter_and_get_only_property_round_trip()
    {
        var account = new Account("ada", 12.5m, "CHF");

        var copy = RoundTrip(account);

        Assert.Equal("ada", copy.Owner);
        Assert.Equal(12.5m, copy.Balance);
        Assert.Equal("CHF", copy.Currency);
    }

    [Fact]
    public void Private_and_init_only_members_of_generic_types_round_trip()
    {
        var labelled = new Labelled<string>("greeting", "hello");
        var score = new Score("level 1", 70, 100);

        var labelledCopy = RoundTrip(labelled);
        var scoreCopy = RoundTrip(score);

        Assert.Equal(("greeting", "hello"), (labelledCopy.Label, labelledCopy.Value));
        Assert.Equal(("level 1", 70, 100), (scoreCopy.Label, scoreCopy.Value, scoreCopy.Max));
    }

    [Fact]
    public void Null_reference_round_trips_as_null()
    {
        Assert.Null(RoundTrip<ChatLine?>(null));
    }

    [Fact]
    public void Null_read_as_a_struct_is_a_wire_format_error()
    {
        var bytes = Serializer.Serialize<ChatLine?>(null);

        var error = Assert.Throws<WireFormatException>(() => Serializer.Deserialize<GeoPoint>(bytes));
        Assert.Contains("GeoPoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derived_instance_written_as_its_base_type_is_refused_rather_than_truncated()
    {
        Animal animal = new Dog { Name = "Rex", Age = 4 };

        var error = Assert.Throws<NotSupportedException>(() => Serializer.Serialize(animal));
        Assert.Contains("Dog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Immutable_type_is_shared_by_deep_copies_and_other_types_are_copied()
    {
        var notice = new Notice("maintenance at noon");
        var line = new ChatLine("ada", "hi", 1);

        Assert.Same(notice, DeepCopier.Copy(notice));
        Assert.NotSame(line, DeepCopier.Copy(line));
        Assert.Equal(line, DeepCopier.Copy(line));
    }

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.Serialize(value));
}
