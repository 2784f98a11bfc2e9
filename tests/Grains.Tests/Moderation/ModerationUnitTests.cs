using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Moderation;

namespace OrleansChat.Grains.Tests.Moderation;

/// <summary>The moderation building blocks on their own, with explicit times.</summary>
public sealed class ModerationUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_bucket_allows_the_burst_then_refills_at_the_sustained_rate()
    {
        var limiter = new TokenBucketLimiter(permits: 5, window: TimeSpan.FromSeconds(5), burst: 5);

        var burst = Enumerable.Range(0, 5).Count(_ => limiter.TryAcquire("u", T0));
        var sixth = limiter.TryAcquire("u", T0);
        var retryAfter = limiter.RetryAfter("u", T0);
        var afterOneSecond = limiter.TryAcquire("u", T0.AddSeconds(1));
        var again = limiter.TryAcquire("u", T0.AddSeconds(1));

        Assert.Equal(5, burst);
        Assert.False(sixth);
        Assert.Equal(TimeSpan.FromSeconds(1), retryAfter);
        Assert.True(afterOneSecond);
        Assert.False(again);
        Assert.True(limiter.TryAcquire("someone-else", T0));
    }

    [Fact]
    public void A_larger_burst_allows_more_at_once_but_not_a_higher_rate()
    {
        var limiter = new TokenBucketLimiter(permits: 5, window: TimeSpan.FromSeconds(5), burst: 10);

        var burst = Enumerable.Range(0, 20).Count(_ => limiter.TryAcquire("u", T0));
        var nextSecond = Enumerable.Range(0, 5).Count(_ => limiter.TryAcquire("u", T0.AddSeconds(1)));

        Assert.Equal(10, burst);
        Assert.Equal(1, nextSecond);
    }

    [Fact]
    public void Spam_detection_counts_normalized_repeats_inside_the_window_only()
    {
        var spam = new SpamDetector(new SpamOptions { MaxRepeats = 2, Window = TimeSpan.FromSeconds(30) });

        Assert.True(spam.TryRecord("u", "Hello  World", "1", T0));
        Assert.True(spam.TryRecord("u", "hello world", "2", T0));
        Assert.False(spam.TryRecord("u", " HELLO\tworld ", "3", T0));
        Assert.True(spam.TryRecord("other", "hello world", "4", T0));
        Assert.True(spam.TryRecord("u", "hello world", "1", T0));
        Assert.True(spam.TryRecord("u", "hello world", "5", T0.AddSeconds(30)));
    }

    [Theory]
    [InlineData("hello world", "hello world")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(" hello", "hello")]
    [InlineData("hello ", "hello")]
    [InlineData("hello  world", "hello world")]
    [InlineData("Hello World", "hello world")]
    [InlineData("hello\tworld\n", "hello world")]
    [InlineData("ÄPFEL und birnen", "äpfel und birnen")]
    public void Spam_texts_are_compared_in_lower_case_with_single_spaces(string text, string normalized)
    {
        Assert.Equal(normalized, SpamDetector.Normalize(text));
    }

    [Theory]
    [InlineData("darn", "****")]
    [InlineData("Darn!", "****!")]
    [InlineData("darned", "darned")]
    [InlineData("undarn", "undarn")]
    [InlineData("oh DARN darn", "oh **** ****")]
    [InlineData("darn_it", "darn_it")]
    public void The_word_filter_masks_whole_words_ignoring_case(string text, string expected)
    {
        var filter = new WordFilter(["darn"], WordFilterMode.Mask);

        Assert.Equal(expected, filter.Apply(text));
    }

    [Fact]
    public void Filter_words_are_literal_text_not_patterns()
    {
        var filter = new WordFilter(["a.c", "(x"], WordFilterMode.Mask);

        Assert.Equal("abc *** **", filter.Apply("abc a.c (x"));
    }

    [Fact]
    public void An_empty_word_filter_changes_nothing_and_reject_mode_refuses()
    {
        Assert.Equal("anything", new WordFilter([], WordFilterMode.Reject).Apply("anything"));
        var error = Assert.Throws<ChatException>(() => new WordFilter(["bad"], WordFilterMode.Reject).Apply("so bad"));
        Assert.Equal(ChatErrorCodes.MessageFiltered, error.Code);
    }
}
