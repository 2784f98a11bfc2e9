using System.Text;

namespace OrleansChat.Runtime;

/// <summary>
/// Identity of a grain: its grain type plus a string key. The type is part of identity everywhere
/// (routing, storage, logs), so two grain types with the same key never collide, and keys are
/// compared as strings, so "020" and "20" are different grains.
/// </summary>
public readonly record struct GrainId
{
    /// <summary>Largest key accepted, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 512;

    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ValidateKey(key);
        Type = type;
        Key = key;
    }

    /// <summary>The grain type name, e.g. "room".</summary>
    public string Type { get; }

    /// <summary>The grain's key within its type.</summary>
    public string Key { get; }

    public bool IsDefault => Type is null;

    /// <summary>Throws <see cref="ArgumentException"/> when a key is empty or longer than <see cref="MaxKeyBytes"/>.</summary>
    public static void ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("A grain key must not be empty.", nameof(key));
        }

        if (key.Length > MaxKeyBytes / 3 && Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new ArgumentException($"A grain key must be at most {MaxKeyBytes} bytes of UTF-8.", nameof(key));
        }
    }

    public override string ToString() => $"{Type}/{Key}";
}
