namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Private state: read and restored through generated [UnsafeAccessor]s.</summary>
[GenerateSerializer]
public sealed class Account
{
    [Id(0)]
    private string _owner = "";

    public Account()
    {
    }

    public Account(string owner, decimal balance, string currency)
    {
        _owner = owner;
        Balance = balance;
        Currency = currency;
    }

    [Id(1)]
    public decimal Balance { get; private set; }

    /// <summary>A get-only auto-property, restored through its backing field.</summary>
    [Id(2)]
    public string Currency { get; } = "EUR";

    public string Owner => _owner;
}
