using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Tests.Validation;

/// <summary>The input rules, one by one.</summary>
public sealed class ValidationTests
{
    [Fact]
    public void Message_text_is_trimmed_and_windows_line_ends_become_newlines()
    {
        Assert.Equal("a\nb\tc", TextRules.MessageText("  a\r\nb\tc \n"));
    }

    [Fact]
    public void Message_length_counts_code_points_so_4000_emoji_fit_and_4001_characters_do_not()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 4000));

        Assert.Equal(emoji, TextRules.MessageText(emoji));
        Assert.Equal(ChatErrorCodes.TextTooLong, Assert.Throws<ChatException>(() => TextRules.MessageText(new string('a', 4001))).Code);
        Assert.Equal(ChatErrorCodes.TextTooLong, Assert.Throws<ChatException>(() => TextRules.MessageText(emoji + "x")).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t\r\n")]
    [InlineData(null)]
    public void Empty_text_is_refused(string? text)
    {
        Assert.Equal(ChatErrorCodes.TextEmpty, Assert.Throws<ChatException>(() => TextRules.MessageText(text)).Code);
    }

    [Theory]
    [InlineData("bell \u0007")]
    [InlineData("escape \u001b[31m")]
    [InlineData("nul \0")]
    [InlineData("lone \r carriage return")]
    [InlineData("c1 \u0085 control")]
    [InlineData("nonchar \uFFFF")]
    public void Control_characters_are_refused(string text)
    {
        Assert.Equal(ChatErrorCodes.TextCharacters, Assert.Throws<ChatException>(() => TextRules.MessageText(text)).Code);
    }

    [Fact]
    public void Lone_and_swapped_surrogates_are_refused()
    {
        // Not theory data: the test runner's serialization would replace lone surrogates with U+FFFD.
        foreach (var text in new[] { "lone high \uD83D surrogate", "lone low \uDE00 surrogate", "swapped \uDE00\uD83D", "at the end \uD83D" })
        {
            Assert.Equal(ChatErrorCodes.TextCharacters, Assert.Throws<ChatException>(() => TextRules.MessageText(text)).Code);
        }
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("Alice_01", true)]
    [InlineData("a.b-c", true)]
    [InlineData("0day", true)]
    [InlineData("ab", false)]
    [InlineData("abcdefghijabcdefghijabcdefghijabc", false)]
    [InlineData("_abc", false)]
    [InlineData(".abc", false)]
    [InlineData("has space", false)]
    [InlineData("emoji😀", false)]
    [InlineData("аlice", false)]
    [InlineData("a/b", false)]
    public void Names_are_3_to_32_characters_of_a_safe_ascii_alphabet(string name, bool valid)
    {
        Assert.Equal(valid, NameRules.IsValid(name));
    }

    [Theory]
    [InlineData("user-1", true)]
    [InlineData("a", true)]
    [InlineData("has:colon", false)]
    [InlineData("", false)]
    [InlineData("space here", false)]
    public void Ids_never_contain_the_thread_key_separator_or_spaces(string id, bool valid)
    {
        Assert.Equal(valid, IdRules.IsValidId(id));
    }

    [Fact]
    public void Single_line_fields_refuse_newlines_and_excess_length()
    {
        Assert.Equal("topic", TextRules.SingleLine("  topic ", 256, ChatErrorCodes.InvalidTopic, "topic"));
        Assert.Equal(ChatErrorCodes.InvalidTopic, Assert.Throws<ChatException>(() => TextRules.SingleLine("a\nb", 256, ChatErrorCodes.InvalidTopic, "topic")).Code);
        Assert.Equal(ChatErrorCodes.InvalidTopic, Assert.Throws<ChatException>(() => TextRules.SingleLine(new string('t', 257), 256, ChatErrorCodes.InvalidTopic, "topic")).Code);
    }

    [Theory]
    [InlineData("https://cdn.example.com/a.png", true)]
    [InlineData("/uploads/avatars/1.png", true)]
    [InlineData("http://insecure.example.com/a.png", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("//evil.example.com/a.png", false)]
    [InlineData("https://x.example.com/a b.png", false)]
    public void Avatars_are_https_urls_or_server_paths(string url, bool valid)
    {
        if (valid)
        {
            Assert.Equal(url, InputRules.AvatarUrl(url));
        }
        else
        {
            Assert.Equal(ChatErrorCodes.InvalidAvatarUrl, Assert.Throws<ChatException>(() => InputRules.AvatarUrl(url)).Code);
        }
    }

    [Fact]
    public void Mentions_are_found_at_word_starts_deduplicated_and_lower_cased()
    {
        var mentions = MentionParser.Parse("@Alice hi @bob. and mail@example.com, @al, @Alice again (@carol-)");

        Assert.Equal(["alice", "bob", "carol"], mentions.ToArray());
    }
}
