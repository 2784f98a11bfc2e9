namespace OrleansChat.Gateway.Cluster;

/// <summary>Settings of the gateway's link to the grains (section <c>Gateway:Cluster</c>).</summary>
internal sealed class GatewayClusterOptions
{
    public const string SectionName = "Gateway:Cluster";

    public GatewayClusterMode Mode { get; set; } = GatewayClusterMode.Client;

    /// <summary>
    /// Reads the settings while the host is being built (the mode decides which services exist, so
    /// it cannot wait for options validation at start).
    /// </summary>
    /// <exception cref="InvalidOperationException">The mode is not one of the known names.</exception>
    public static GatewayClusterOptions Read(IConfiguration configuration)
    {
        var key = $"{SectionName}:{nameof(Mode)}";
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new GatewayClusterOptions();
        }

        // Names only: Enum.TryParse would also take numbers ("1") and undefined values.
        var name = Enum.GetNames<GatewayClusterMode>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            throw new InvalidOperationException(
                $"{key} is '{value}'; it must be {string.Join(" or ", Enum.GetNames<GatewayClusterMode>())} (environment variable Gateway__Cluster__Mode).");
        }

        return new GatewayClusterOptions { Mode = Enum.Parse<GatewayClusterMode>(name) };
    }
}
