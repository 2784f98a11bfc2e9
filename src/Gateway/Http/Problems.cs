namespace OrleansChat.Gateway.Http;

/// <summary>Shorthands for problem-details results.</summary>
internal static class Problems
{
    public static IResult From(ChatError error) => new ProblemResult(error);

    public static IResult Of(string code, string? detail = null) => new ProblemResult(new ChatError(code, detail));

    /// <summary>400 <c>request.invalid</c> with the failing fields under <c>errors</c>.</summary>
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new ProblemResult(new ChatError(ErrorCodes.RequestInvalid, "One or more fields are invalid.") { Errors = errors });
}
