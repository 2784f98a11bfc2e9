using System.Text;
using OrleansChat.Runtime.Diagnostics;

namespace OrleansChat.Runtime.Tests.Diagnostics;

public sealed class PrometheusTextWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("a \"quoted\" word", "a \\\"quoted\\\" word")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("tab\tstays", "tab\tstays")]
    [InlineData("ünïcödé ✓", "ünïcödé ✓")]
    [InlineData("", "")]
    public void Label_values_escape_backslash_quote_and_line_feed(string value, string expected)
    {
        var builder = new StringBuilder();
        PrometheusTextWriter.AppendLabel(builder, "room", value);
        Assert.Equal($"room=\"{expected}\"", builder.ToString());
    }

    [Fact]
    public void Help_text_escapes_backslash_and_line_feed_but_not_quotes()
    {
        var builder = new StringBuilder();
        new PrometheusTextWriter(builder).WriteHelp("m", "say \"hi\"\\\nbye");
        Assert.Equal("# HELP m say \"hi\"\\\\\\nbye\n", builder.ToString());
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-3.5, "-3.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0005, "0.0005")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Values_are_written_as_prometheus_parses_them(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));

    [Fact]
    public void A_sample_without_labels_has_no_braces_and_every_line_ends_in_a_line_feed()
    {
        var builder = new StringBuilder();
        var writer = new PrometheusTextWriter(builder);
        writer.WriteType("up", PrometheusMetricType.Gauge);
        writer.WriteSample("up", "", "", null, 1);
        writer.WriteSample("h", "_bucket", "", "le=\"+Inf\"", 2);
        writer.WriteSample("h", "_bucket", "a=\"b\"", "le=\"1\"", 3);
        Assert.Equal("# TYPE up gauge\nup 1\nh_bucket{le=\"+Inf\"} 2\nh_bucket{a=\"b\",le=\"1\"} 3\n", builder.ToString());
    }
}
