namespace OrleansChat.Gateway.Uploads;

/// <summary>What a file is for, which decides who may fetch it.</summary>
public enum UploadPurpose
{
    /// <summary>A profile picture: an image anyone may fetch.</summary>
    Avatar = 1,

    /// <summary>A file shared in a conversation: only its members may fetch it.</summary>
    Attachment = 2,
}
