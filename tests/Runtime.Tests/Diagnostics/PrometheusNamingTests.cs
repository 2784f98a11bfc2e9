using OrleansChat.Runtime.Diagnostics;

namespace OrleansChat.Runtime.Tests.Diagnostics;

public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("orleanschat.grain.calls", "{call}", "Counter", "orleanschat_grain_calls_total")]
    [InlineData("orleanschat.grain.call.duration", "s", "Histogram", "orleanschat_grain_call_duration_seconds")]
    [InlineData("orleanschat.db.latency", "ms", "Histogram", "orleanschat_db_latency_milliseconds")]
    [InlineData("orleanschat.message.size", "By", "Histogram", "orleanschat_message_size_bytes")]
    [InlineData("orleanschat.grain.activations", "{activation}", "Gauge", "orleanschat_grain_activations")]
    [InlineData("orleanschat.queue.fill", "1", "Gauge", "orleanschat_queue_fill_ratio")]
    [InlineData("orleanschat.items", "1", "Counter", "orleanschat_items_total")]
    [InlineData("orleanschat.network.io", "By/s", "Gauge", "orleanschat_network_io_bytes_per_second")]
    [InlineData("orleanschat.retries", "1/min", "Gauge", "orleanschat_retries_per_minute")]
    [InlineData("orleanschat.uptime", "s", "Counter", "orleanschat_uptime_seconds_total")]
    [InlineData("orleanschat.requests_total", "s", "Counter", "orleanschat_requests_seconds_total")]
    [InlineData("orleanschat.sent.bytes", "By", "Counter", "orleanschat_sent_bytes_total")]
    [InlineData("orleanschat.temperature", "Cel", "Gauge", "orleanschat_temperature_celsius")]
    [InlineData("orleanschat.odd", "furlong", "Gauge", "orleanschat_odd_furlong")]
    [InlineData("orleanschat.none", null, "Gauge", "orleanschat_none")]
    public void Instrument_name_and_unit_become_a_prometheus_metric_name(string name, string? unit, string type, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(name, unit, Enum.Parse<PrometheusMetricType>(type)));

    [Theory]
    [InlineData("http.server.request-duration", "http_server_request_duration")]
    [InlineData("a..b--c", "a_b_c")]
    [InlineData("2xx.responses", "_2xx_responses")]
    [InlineData("ns:metric.name", "ns:metric_name")]
    [InlineData("grüße", "gr_e")]
    [InlineData("", "_")]
    public void Invalid_characters_in_metric_names_become_single_underscores(string name, string expected) =>
        Assert.Equal(expected, PrometheusNaming.SanitizeMetricName(name));

    [Theory]
    [InlineData("grain.type", "grain_type")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("0day", "key_0day")]
    [InlineData("__name__", "key__name__")]
    [InlineData("a:b", "a_b")]
    [InlineData("a..b", "a__b")]
    public void Tag_keys_become_valid_label_names(string key, string expected) =>
        Assert.Equal(expected, PrometheusNaming.SanitizeLabelName(key));

    [Fact]
    public void Every_sanitized_name_matches_the_prometheus_grammar()
    {
        var samples = new[] { "a.b", "1x", "ünïcode", "with space", "-", "x:y", "__reserved", "ok_name" };
        foreach (var sample in samples)
        {
            Assert.Matches("^[a-zA-Z_:][a-zA-Z0-9_:]*$", PrometheusNaming.SanitizeMetricName(sample));
            Assert.Matches("^[a-zA-Z_][a-zA-Z0-9_]*$", PrometheusNaming.SanitizeLabelName(sample));
            Assert.DoesNotMatch("^__", PrometheusNaming.SanitizeLabelName(sample));
        }
    }
}
