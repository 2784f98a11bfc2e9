namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A mutable struct with public fields.</summary>
[GenerateSerializer]
public struct GeoPoint
{
    [Id(0)]
    public double Latitude;

    [Id(1)]
    public double Longitude;
}
