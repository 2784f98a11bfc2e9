using System.Diagnostics.Metrics;
using OrleansChat.Runtime.Diagnostics;

namespace OrleansChat.Runtime.Tests.Diagnostics;

/// <summary>Golden tests: the exact text a scrape returns for each kind of instrument.</summary>
public sealed class PrometheusExpositionTests
{
    [Fact]
    public void Counter_sums_increments_per_label_set_and_ends_in_total()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<long>("orleanschat.messages.posted", "{message}", "Messages accepted for a room.");
        counter.Add(2, new KeyValuePair<string, object?>("room.kind", "public"));
        counter.Add(3, new KeyValuePair<string, object?>("room.kind", "public"));
        counter.Add(1, new KeyValuePair<string, object?>("room.kind", "direct"));

        Assert.Equal(
            """
            # HELP orleanschat_messages_posted_total Messages accepted for a room.
            # TYPE orleanschat_messages_posted_total counter
            orleanschat_messages_posted_total{room_kind="direct"} 1
            orleanschat_messages_posted_total{room_kind="public"} 5

            """.ReplaceLineEndings("\n"),
            test.Scrape());
    }

    [Fact]
    public void Counter_ignores_negative_and_nan_increments_so_it_never_goes_down()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<double>("orleanschat.work.done");
        counter.Add(1.5);
        counter.Add(-1);
        counter.Add(double.NaN);

        Assert.Equal(
            "# HELP orleanschat_work_done_total orleanschat.work.done\n# TYPE orleanschat_work_done_total counter\norleanschat_work_done_total 1.5\n",
            test.Scrape());
    }

    [Fact]
    public void Up_down_counter_is_a_gauge_holding_the_running_sum()
    {
        using var test = new TestMeter();
        var connections = test.Meter.CreateUpDownCounter<int>("orleanschat.connections", "{connection}", "Open client connections.");
        connections.Add(3);
        connections.Add(-1);
        connections.Add(-4, new KeyValuePair<string, object?>("transport", "websocket"));

        Assert.Equal(
            """
            # HELP orleanschat_connections Open client connections.
            # TYPE orleanschat_connections gauge
            orleanschat_connections 2
            orleanschat_connections{transport="websocket"} -4

            """.ReplaceLineEndings("\n"),
            test.Scrape());
    }

    [Fact]
    public void Gauge_keeps_the_last_recorded_value()
    {
        using var test = new TestMeter();
        var gauge = test.Meter.CreateGauge<double>("orleanschat.queue.fill", "1", "Fill level of the send queue.");
        gauge.Record(0.25);
        gauge.Record(0.75);

        Assert.Equal(
            """
            # HELP orleanschat_queue_fill_ratio Fill level of the send queue.
            # TYPE orleanschat_queue_fill_ratio gauge
            orleanschat_queue_fill_ratio 0.75

            """.ReplaceLineEndings("\n"),
            test.Scrape());
    }

    [Fact]
    public void Observable_counter_reports_the_total_its_callback_observes_at_each_scrape()
    {
        using var test = new TestMeter();
        long total = 10;
        test.Meter.CreateObservableCounter("orleanschat.gc.collections", () => new Measurement<long>(total, new KeyValuePair<string, object?>("generation", 0)), "{collection}", "Collections so far.");

        var first = test.Scrape();
        total = 12;
        var second = test.Scrape();

        Assert.Equal(
            """
            # HELP orleanschat_gc_collections_total Collections so far.
            # TYPE orleanschat_gc_collections_total counter
            orleanschat_gc_collections_total{generation="0"} 10

            """.ReplaceLineEndings("\n"),
            first);
        Assert.Contains("orleanschat_gc_collections_total{generation=\"0\"} 12\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public void Observable_gauge_drops_label_sets_its_callback_no_longer_reports()
    {
        using var test = new TestMeter();
        var rooms = new List<string> { "lobby", "random" };
        test.Meter.CreateObservableGauge("orleanschat.room.members", () => rooms.Select(r => new Measurement<int>(r.Length, new KeyValuePair<string, object?>("room", r))).ToArray(), "{member}");

        var first = test.Scrape();
        rooms.Remove("lobby");
        var second = test.Scrape();

        Assert.Equal(
            """
            # HELP orleanschat_room_members orleanschat.room.members
            # TYPE orleanschat_room_members gauge
            orleanschat_room_members{room="lobby"} 5
            orleanschat_room_members{room="random"} 6

            """.ReplaceLineEndings("\n"),
            first);
        Assert.Equal(
            """
            # HELP orleanschat_room_members orleanschat.room.members
            # TYPE orleanschat_room_members gauge
            orleanschat_room_members{room="random"} 6

            """.ReplaceLineEndings("\n"),
            second);
    }

    [Fact]
    public void Observable_up_down_counter_is_a_gauge_of_the_observed_value()
    {
        using var test = new TestMeter();
        test.Meter.CreateObservableUpDownCounter("orleanschat.pending.acks", () => -2L, "{ack}", "Acknowledgements owed.");

        Assert.Equal(
            """
            # HELP orleanschat_pending_acks Acknowledgements owed.
            # TYPE orleanschat_pending_acks gauge
            orleanschat_pending_acks -2

            """.ReplaceLineEndings("\n"),
            test.Scrape());
    }

    [Fact]
    public void Histogram_writes_cumulative_buckets_with_inf_then_sum_and_count()
    {
        using var test = new TestMeter();
        var histogram = test.Meter.CreateHistogram("orleanschat.fanout.duration", "s", "Time to deliver a message to every member.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1] });
        // 0.25 sits exactly on a bound: "le" means less than or equal, so it counts in le="0.25".
        foreach (var value in new[] { 0.125, 0.25, 0.375, 0.75, 2.0 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("room", "lobby"));
        }

        Assert.Equal(
            """
            # HELP orleanschat_fanout_duration_seconds Time to deliver a message to every member.
            # TYPE orleanschat_fanout_duration_seconds histogram
            orleanschat_fanout_duration_seconds_bucket{room="lobby",le="0.25"} 2
            orleanschat_fanout_duration_seconds_bucket{room="lobby",le="0.5"} 3
            orleanschat_fanout_duration_seconds_bucket{room="lobby",le="1"} 4
            orleanschat_fanout_duration_seconds_bucket{room="lobby",le="+Inf"} 5
            orleanschat_fanout_duration_seconds_sum{room="lobby"} 3.5
            orleanschat_fanout_duration_seconds_count{room="lobby"} 5

            """.ReplaceLineEndings("\n"),
            test.Scrape());
    }

    [Fact]
    public void Histogram_without_labels_or_observations_above_the_last_bound()
    {
        using var test = new TestMeter();
        var histogram = test.Meter.CreateHistogram<int>("orleanschat.batch.size", "{message}", null, tags: null,
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10] });
        histogram.Record(1);
        histogram.Record(7);

        Assert.Equal(
            """
            # HELP orleanschat_batch_size orleanschat.batch.size
            # TYPE orleanschat_batch_size histogram
            orleanschat_batch_size_bucket{le="1"} 1
            orleanschat_batch_size_bucket{le="10"} 2
            orleanschat_batch_size_bucket{le="+Inf"} 2
            orleanschat_batch_size_sum 8
            orleanschat_batch_size_count 2

            """.ReplaceLineEndings("\n"),
            test.Scrape());
    }

    [Theory]
    [InlineData("s", "0.0005,0.001,0.0025,0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10,30,+Inf")]
    [InlineData("ms", "0.5,1,2.5,5,10,25,50,100,250,500,1000,2500,5000,10000,30000,+Inf")]
    [InlineData("By", "0,5,10,25,50,75,100,250,500,750,1000,2500,5000,7500,10000,+Inf")]
    public void Histogram_without_advice_gets_default_buckets_for_its_unit(string unit, string expectedBounds)
    {
        using var test = new TestMeter();
        test.Meter.CreateHistogram<double>("orleanschat.sample", unit).Record(1);

        var bounds = test.Scrape().Split('\n')
            .Where(line => line.Contains("_bucket{", StringComparison.Ordinal))
            .Select(line => line.Split("le=\"")[1].Split('"')[0]);
        Assert.Equal(expectedBounds, string.Join(',', bounds));
    }

    [Fact]
    public void Histogram_buckets_never_decrease_and_inf_equals_count()
    {
        using var test = new TestMeter();
        var histogram = test.Meter.CreateHistogram<double>("orleanschat.latency", "ms");
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            histogram.Record(random.NextDouble() * 40_000);
        }

        var buckets = test.Scrape().Split('\n')
            .Where(line => line.StartsWith("orleanschat_latency_milliseconds_bucket", StringComparison.Ordinal))
            .Select(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(16, buckets.Count);
        Assert.True(buckets.Zip(buckets.Skip(1)).All(pair => pair.First <= pair.Second), "bucket counts must be cumulative");
        Assert.Equal(1000, buckets[^1]);
    }

    [Fact]
    public void Tags_in_any_order_and_of_equal_value_land_in_one_series_with_sorted_labels()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<long>("orleanschat.calls");
        counter.Add(1, new("b", "2"), new("a", "1"));
        counter.Add(1, new("a", "1"), new("b", "2"));
        counter.Add(1, new("a", 1), new("b", 2L));

        Assert.Equal(
            "# HELP orleanschat_calls_total orleanschat.calls\n# TYPE orleanschat_calls_total counter\norleanschat_calls_total{a=\"1\",b=\"2\"} 3\n",
            test.Scrape());
    }

    [Fact]
    public void Label_values_are_escaped_in_the_exposition()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<long>("orleanschat.rooms.created").Add(1, new KeyValuePair<string, object?>("name", "say \"hi\"\\\nnow"));

        Assert.Contains("orleanschat_rooms_created_total{name=\"say \\\"hi\\\"\\\\\\nnow\"} 1\n", test.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_values_of_other_types_are_formatted_invariantly()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<long>("orleanschat.typed");
        counter.Add(1, new("flag", true), new("ratio", 0.5), new("missing", null), new("kind", DayOfWeek.Monday));

        Assert.Contains("orleanschat_typed_total{flag=\"true\",kind=\"Monday\",missing=\"\",ratio=\"0.5\"} 1\n", test.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_that_sanitize_to_one_label_name_are_joined_in_key_order()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<long>("orleanschat.clash").Add(1, new("grain_type", "b"), new("grain.type", "a"));

        Assert.Contains("orleanschat_clash_total{grain_type=\"a;b\"} 1\n", test.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Meter_and_instrument_tags_label_every_series()
    {
        using var test = new TestMeter(meterTags: [new("silo", "silo-0"), new("component", "meter")]);
        var counter = test.Meter.CreateCounter<long>("orleanschat.tagged", unit: null, description: null, tags: [new("component", "instrument")]);
        counter.Add(1, new KeyValuePair<string, object?>("outcome", "success"));

        Assert.Contains("orleanschat_tagged_total{component=\"instrument\",outcome=\"success\",silo=\"silo-0\"} 1\n", test.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Families_are_sorted_by_name_and_instruments_never_recorded_are_left_out()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<long>("orleanschat.zeta").Add(1);
        test.Meter.CreateHistogram<double>("orleanschat.never");
        test.Meter.CreateUpDownCounter<long>("orleanschat.alpha").Add(1);

        var lines = test.Scrape().Split('\n').Where(line => line.StartsWith("# TYPE", StringComparison.Ordinal)).ToList();
        Assert.Equal(["# TYPE orleanschat_alpha gauge", "# TYPE orleanschat_zeta_total counter"], lines);
    }

    [Fact]
    public void Label_sets_beyond_the_limit_are_counted_in_one_overflow_series()
    {
        using var test = new TestMeter(maxSeriesPerInstrument: 2);
        var counter = test.Meter.CreateCounter<long>("orleanschat.capped");
        foreach (var user in new[] { "u1", "u2", "u3", "u4", "u1" })
        {
            counter.Add(1, new KeyValuePair<string, object?>("user", user));
        }

        Assert.Equal(
            """
            # HELP orleanschat_capped_total orleanschat.capped
            # TYPE orleanschat_capped_total counter
            orleanschat_capped_total{otel_metric_overflow="true"} 2
            orleanschat_capped_total{user="u1"} 2
            orleanschat_capped_total{user="u2"} 1

            """.ReplaceLineEndings("\n"),
            test.Scrape());
        Assert.Single(test.Logger.Entries, e => e.EventId.Id == 1901);
    }

    [Fact]
    public void Instrument_whose_metric_name_is_taken_by_another_type_is_skipped_with_a_warning()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<long>("orleanschat.things", "{thing}").Add(1);
        // A gauge named "orleanschat.things_total" would collide with the counter's sample name.
        test.Meter.CreateGauge<long>("orleanschat.things_total").Record(5);

        var scrape = test.Scrape();
        Assert.Contains("# TYPE orleanschat_things_total counter\n", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(" 5\n", scrape, StringComparison.Ordinal);
        Assert.Single(test.Logger.Entries, e => e.EventId.Id == 1900);
    }

    [Fact]
    public void A_failing_observable_callback_does_not_spoil_the_rest_of_the_scrape()
    {
        using var test = new TestMeter();
        test.Meter.CreateObservableGauge<int>("orleanschat.broken", new Func<int>(() => throw new InvalidOperationException("boom")));
        test.Meter.CreateObservableGauge("orleanschat.fine", () => 42);

        var scrape = test.Scrape();
        Assert.Contains("orleanschat_fine 42\n", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("orleanschat_broken", scrape, StringComparison.Ordinal);
        Assert.Contains(test.Logger.Entries, e => e.EventId.Id == 1902);
    }

    [Fact]
    public void Instruments_of_a_disposed_meter_leave_the_exposition()
    {
        using var test = new TestMeter();
        using var other = new Meter(test.Meter.Name + ".Other");
        var ownName = test.Meter.Name;
        using var collector = new PrometheusCollector(
            meter => meter.Name.StartsWith(ownName, StringComparison.Ordinal), new ListLogger<PrometheusCollector>());
        test.Meter.CreateCounter<long>("orleanschat.kept").Add(1);
        other.CreateCounter<long>("orleanschat.gone").Add(1);
        Assert.Contains("orleanschat_gone_total 1\n", collector.Collect(), StringComparison.Ordinal);

        other.Dispose();

        var scrape = collector.Collect();
        Assert.DoesNotContain("orleanschat_gone", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_kept_total 1\n", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_numeric_measurement_type_is_collected()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<byte>("orleanschat.t.byte").Add(1);
        test.Meter.CreateCounter<short>("orleanschat.t.short").Add(2);
        test.Meter.CreateCounter<int>("orleanschat.t.int").Add(3);
        test.Meter.CreateCounter<long>("orleanschat.t.long").Add(4);
        test.Meter.CreateCounter<float>("orleanschat.t.float").Add(5.5f);
        test.Meter.CreateCounter<double>("orleanschat.t.double").Add(6.25);
        test.Meter.CreateCounter<decimal>("orleanschat.t.decimal").Add(7.75m);

        var samples = test.Scrape().Split('\n').Where(line => line.Length > 0 && line[0] != '#').ToList();
        Assert.Equal(
            [
                "orleanschat_t_byte_total 1",
                "orleanschat_t_decimal_total 7.75",
                "orleanschat_t_double_total 6.25",
                "orleanschat_t_float_total 5.5",
                "orleanschat_t_int_total 3",
                "orleanschat_t_long_total 4",
                "orleanschat_t_short_total 2",
            ],
            samples);
    }

    [Fact]
    public void Concurrent_recording_loses_no_increment()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<long>("orleanschat.parallel");
        var histogram = test.Meter.CreateHistogram<double>("orleanschat.parallel.duration", "s");
        Parallel.For(0, 8, worker =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("worker", worker % 2));
                histogram.Record(0.001);
            }
        });

        var scrape = test.Scrape();
        Assert.Contains("orleanschat_parallel_total{worker=\"0\"} 40000\n", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_parallel_total{worker=\"1\"} 40000\n", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_parallel_duration_seconds_count 80000\n", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_to_an_existing_series_allocates_nothing()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<long>("orleanschat.hot");
        var histogram = test.Meter.CreateHistogram<double>("orleanschat.hot.duration", "s");
        var grainType = new KeyValuePair<string, object?>("grain.type", "ChatRoomGrain");
        var method = new KeyValuePair<string, object?>("grain.method", "Post");
        for (var i = 0; i < 100; i++)
        {
            // The first measurements create the series and JIT the path.
            counter.Add(1, grainType, method);
            histogram.Record(0.002, method, grainType);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, grainType, method);
            histogram.Record(0.002, method, grainType);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains("orleanschat_hot_total{grain_method=\"Post\",grain_type=\"ChatRoomGrain\"} 1100\n", test.Scrape(), StringComparison.Ordinal);
    }
}
