namespace OrleansChat.LoadTest.Client;

/// <summary>How connecting a batch of clients went.</summary>
internal sealed record ConnectReport(int Requested, int Connected, int Failed, double Seconds, string? FirstError);
