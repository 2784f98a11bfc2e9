namespace OrleansChat.LoadTest.Reporting;

/// <summary>Exit codes of the tool.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run could not be carried out (target unreachable, set-up refused, bad data).</summary>
    public const int RunFailed = 1;

    /// <summary>Invalid command line.</summary>
    public const int Usage = 2;

    /// <summary>The run completed but violated a given objective.</summary>
    public const int SloViolated = 3;

    /// <summary>The probe found no working hub at the URL.</summary>
    public const int HubUnavailable = 4;
}
