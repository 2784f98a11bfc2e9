using System.Text.RegularExpressions;

namespace OrleansChat.Runtime.Tests.Diagnostics;

/// <summary>
/// Checks a whole scrape against the text format 0.0.4 grammar: comment lines are HELP or TYPE,
/// TYPE precedes its samples and appears once per family, samples are name{labels} value.
/// </summary>
internal static partial class ExpositionGrammar
{
    public static void AssertValid(string exposition)
    {
        Assert.EndsWith("\n", exposition, StringComparison.Ordinal);
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = exposition.Split('\n')[..^1];
        foreach (var line in lines)
        {
            var type = TypeLine().Match(line);
            if (type.Success)
            {
                Assert.True(typed.TryAdd(type.Groups["name"].Value, type.Groups["type"].Value), $"family typed twice: {line}");
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                Assert.Matches(HelpLine(), line);
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"not a valid sample line: '{line}'");
            var name = sample.Groups["name"].Value;
            var family = typed.Keys.FirstOrDefault(f => name == f || (typed[f] == "histogram" && (name == f + "_bucket" || name == f + "_sum" || name == f + "_count")));
            Assert.True(family is not null, $"sample '{name}' comes before its # TYPE line");
        }
    }

    [GeneratedRegex("^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* ([^\\\n]|\\\\|\\n)*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^"\\\n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^"\\\n])*")*\})? (?<value>[+-]Inf|NaN|-?[0-9.]+(E[+-][0-9]+)?)$""")]
    private static partial Regex SampleLine();
}
