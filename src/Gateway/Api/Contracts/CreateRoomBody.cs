namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>POST /api/rooms</c>.</summary>
/// <param name="Name">3-32 characters of A-Z a-z 0-9 _ . - starting with a letter or digit; unique ignoring case.</param>
/// <param name="Topic">Up to 256 characters on one line.</param>
/// <param name="Visibility"><c>public</c> (default), <c>private</c> or <c>password</c>.</param>
/// <param name="Password">Required for, and only allowed with, <c>password</c> rooms: 4-128 characters.</param>
public sealed record CreateRoomBody(
    string? Name,
    string? Topic,
    string? Visibility,
    string? Password);
