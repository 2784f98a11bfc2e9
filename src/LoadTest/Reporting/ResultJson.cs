using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>Reads and writes result files (camelCase JSON, indented, nulls left out).</summary>
internal static class ResultJson
{
    public static async Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, ResultJsonContext.Default.RunResult, cancellationToken);
    }

    /// <exception cref="InvalidDataException">The file is not a result file.</exception>
    public static RunResult Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), ResultJsonContext.Default.RunResult)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a load-test result: {ex.Message}", ex);
        }
    }

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, ResultJsonContext.Default.RunResult);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
