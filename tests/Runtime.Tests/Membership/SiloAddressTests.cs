using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class SiloAddressTests
{
    [Theory]
    [InlineData("10.0.0.5:11111@1767225600000", "10.0.0.5", 11111, 1767225600000)]
    [InlineData("silo-0.silo.default.svc:30000@1", "silo-0.silo.default.svc", 30000, 1)]
    [InlineData("[::1]:11111@42", "::1", 11111, 42)]
    public void A_formatted_address_parses_back_to_the_same_address(string text, string host, int port, long generation)
    {
        var address = SiloAddress.Parse(text);

        Assert.Equal(new SiloAddress(host, port, generation), address);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.5:11111")]
    [InlineData("10.0.0.5@5")]
    [InlineData(":11111@5")]
    [InlineData("10.0.0.5:0@5")]
    [InlineData("10.0.0.5:70000@5")]
    [InlineData("10.0.0.5:11111@-5")]
    [InlineData("10.0.0.5:11111@x")]
    [InlineData("::1:11111@5")]
    public void Malformed_text_is_rejected_with_a_format_error_naming_it(string text)
    {
        Assert.False(SiloAddress.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => SiloAddress.Parse(text));
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_are_equal_only_when_host_port_and_generation_all_match()
    {
        var a = new SiloAddress("10.0.0.5", 11111, 1);

        Assert.Equal(a, new SiloAddress("10.0.0.5", 11111, 1));
        Assert.NotEqual(a, a.WithGeneration(2));
        Assert.NotEqual(a, new SiloAddress("10.0.0.5", 11112, 1));
        Assert.NotEqual(a, new SiloAddress("10.0.0.6", 11111, 1));
        Assert.True(a.IsSameEndpoint(a.WithGeneration(2)));
    }

    [Fact]
    public void Constructor_rejects_an_empty_host_and_ports_out_of_range()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SiloAddress("", 1, 1));
        Assert.ThrowsAny<ArgumentException>(() => new SiloAddress("h", 0, 1));
        Assert.ThrowsAny<ArgumentException>(() => new SiloAddress("h", 65536, 1));
        Assert.ThrowsAny<ArgumentException>(() => new SiloAddress("h@x", 1, 1));
    }
}
