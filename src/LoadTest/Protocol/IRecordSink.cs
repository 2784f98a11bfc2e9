namespace OrleansChat.LoadTest.Protocol;

/// <summary>Receives complete SignalR records (without their 0x1E terminator).</summary>
internal interface IRecordSink
{
    /// <summary>Handles one record; the span is only valid during the call.</summary>
    void OnRecord(ReadOnlySpan<byte> record);
}
