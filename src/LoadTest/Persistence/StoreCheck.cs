namespace OrleansChat.LoadTest.Persistence;

/// <summary>How acknowledged messages were found in the store.</summary>
internal sealed record StoreCheck(long Checked, long StoredOnce, long Missing, long StoredMoreThanOnce, long SeqMismatch);
