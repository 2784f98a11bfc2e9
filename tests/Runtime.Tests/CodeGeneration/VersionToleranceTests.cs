using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>ProfileV1 and ProfileV2 stand for one stored type before and after a release that added members.</summary>
public sealed class VersionToleranceTests
{
    [Fact]
    public void Newer_data_reads_in_an_older_version_with_unknown_fields_skipped()
    {
        var bytes = Serializer.Serialize(new ProfileV2("ada", 7, "nl") { Badges = ["founder"] });

        var old = Serializer.Deserialize<ProfileV1>(bytes);

        Assert.Equal(new ProfileV1("ada", 7), old);
    }

    [Fact]
    public void Older_data_reads_in_a_newer_version_with_missing_fields_at_their_defaults()
    {
        var bytes = Serializer.Serialize(new ProfileV1("ada", 7));

        var current = Serializer.Deserialize<ProfileV2>(bytes);

        Assert.Equal("ada", current.Name);
        Assert.Equal(7, current.Karma);
        // The constructor parameter's default and the property initializer, not null.
        Assert.Equal("en", current.Locale);
        Assert.Equal(["newcomer"], current.Badges);
    }
}
