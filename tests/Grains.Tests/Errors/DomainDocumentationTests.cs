using OrleansChat.Grains.Errors;

namespace OrleansChat.Grains.Tests.Errors;

/// <summary>docs/domain.md lists every error code, so the page cannot silently fall behind the code.</summary>
public sealed class DomainDocumentationTests
{
    [Fact]
    public void Every_error_code_is_documented_in_the_domain_page()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "domain.md"));

        var missing = ChatErrorCodes.All.Keys.Where(code => !page.Contains($"`{code}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "Codes missing from docs/domain.md: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansChat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansChat.sln above {AppContext.BaseDirectory}.");
    }
}
