using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;
using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Gateway.Uploads;

/// <summary>
/// <c>POST /api/uploads</c> (multipart: <c>file</c>, plus <c>conversationId</c> for a file shared
/// in a conversation or <c>purpose=avatar</c>) and <c>GET /api/uploads/{uploadId}</c>. Types come
/// from the bytes against an allowlist; images are served inline, everything else as an
/// attachment; only the conversation's members may fetch a shared file, anyone an avatar.
/// </summary>
internal static partial class UploadEndpoints
{
    /// <summary>Room for the multipart framing and the form's other fields around the file.</summary>
    private const int FormOverheadBytes = 64 * 1024;

    public static void MapUploadEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/uploads", UploadAsync).WithTags("Uploads").WithName("Upload")
            .WithSummary("Store a file (multipart/form-data: file, and conversationId or purpose=avatar). At most 10 MiB by default.")
            .WithDescription("Allowed: PNG, JPEG, GIF, WebP, PDF, plain UTF-8 text, detected from the content. A declared type that disagrees with the content is refused (415 upload.type_mismatch).")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<UploadView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
    }

    /// <summary>The download endpoint sits outside the authorized group: avatars are public, the handler checks the rest.</summary>
    public static void MapUploadDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/uploads/{uploadId:guid}", DownloadAsync).AllowAnonymous().WithTags("Uploads").WithName("Download")
            .WithSummary("A stored file: avatars for anyone; shared files for the conversation's members (bearer token).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> UploadAsync(
        HttpContext http, ChatGrains grains, IUploadStore store, IOptions<UploadOptions> options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + FormOverheadBytes;
        }

        if (!http.Request.HasFormContentType)
        {
            return Problems.Of(ErrorCodes.RequestUnsupportedMediaType, "Send the file as multipart/form-data in a field named 'file'.");
        }

        var form = await http.Request.ReadFormAsync(
            new FormOptions { MultipartBodyLengthLimit = max + FormOverheadBytes, ValueCountLimit = 16, MemoryBufferThreshold = 64 * 1024 }, cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Problems.Of(ErrorCodes.UploadEmpty, "The form holds no non-empty field named 'file'.");
        }

        if (file.Length > max)
        {
            return Problems.Of(ErrorCodes.UploadTooLarge, $"A file may be at most {max} bytes.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var type = FileTypeDetector.Detect(content);
        if (type is null)
        {
            return Problems.Of(ErrorCodes.UploadTypeNotAllowed, "Allowed files are PNG, JPEG, GIF, WebP, PDF and plain UTF-8 text (judged by their content).");
        }

        if (!FileTypeDetector.ClaimAgrees(file.ContentType, type))
        {
            return Problems.Of(ErrorCodes.UploadTypeMismatch, $"The file was declared as '{Truncate(file.ContentType)}' but its content is {type.ContentType}.");
        }

        var who = ChatIdentity.From(http.User);
        var purpose = string.Equals(form["purpose"], "avatar", StringComparison.Ordinal) ? UploadPurpose.Avatar : UploadPurpose.Attachment;
        string? conversationId = null;
        if (purpose == UploadPurpose.Avatar)
        {
            if (!type.IsImage)
            {
                return Problems.Of(ErrorCodes.UploadTypeNotAllowed, "An avatar must be a PNG, JPEG, GIF or WebP image.");
            }
        }
        else
        {
            conversationId = form["conversationId"].ToString();
            if (!await IsMemberAsync(grains, who, conversationId))
            {
                return Problems.Of(ChatErrorCodes.RoomNotMember, "Only members of the conversation can share files in it.");
            }
        }

        var upload = new StoredUpload(Guid.NewGuid(), who.UserId, conversationId, purpose, type.ContentType, SafeFileName(file.FileName, type), content.Length, timeProvider.GetUtcNow());
        await store.SaveAsync(upload, content, cancellationToken);
        return TypedResults.Created(UrlOf(upload.UploadId), View(upload));
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, Guid uploadId, ChatGrains grains, IUploadStore store, CancellationToken cancellationToken)
    {
        var upload = await store.FindAsync(uploadId, cancellationToken);
        if (upload is null)
        {
            return NotFound();
        }

        if (upload.Purpose != UploadPurpose.Avatar)
        {
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return Problems.Of(ErrorCodes.AuthUnauthenticated, "Shared files need a bearer token of a member of the conversation.");
            }

            bool member;
            try
            {
                member = await IsMemberAsync(grains, ChatIdentity.From(http.User), upload.ConversationId);
            }
            catch (Exception ex) when (GrainErrors.TryTranslate(ex, out var error) && error.Code == ErrorCodes.ServerUnavailable)
            {
                return Problems.From(error);
            }

            if (!member)
            {
                // The same answer as for a missing file: a non-member learns nothing about it.
                return NotFound();
            }
        }

        var content = await store.ReadContentAsync(uploadId, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }

        var disposition = new ContentDispositionHeaderValue(upload.ContentType.StartsWith("image/", StringComparison.Ordinal) ? "inline" : "attachment");
        disposition.SetHttpFileName(upload.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = upload.Purpose == UploadPurpose.Avatar ? "public, max-age=86400, immutable" : "private, no-store";
        return TypedResults.File(content, upload.ContentType);
    }

    /// <summary>Whether the caller is a member of the conversation (rooms: a role; DMs: a participant).</summary>
    private static async Task<bool> IsMemberAsync(ChatGrains grains, ChatIdentity who, string? conversationId)
    {
        if (!ConversationIds.TryParse(conversationId, out var kind, out var key))
        {
            return false;
        }

        if (kind == ConversationKind.Direct)
        {
            return DirectThreadKey.TryParse(key, out var a, out var b) && (a == who.UserId || b == who.UserId);
        }

        try
        {
            var room = await GrainCaller.As(who, () => grains.Room(key).GetInfo());
            return room.CallerRole is not null;
        }
        catch (ChatException ex) when (ex.Category is ChatErrorCategory.Forbidden or ChatErrorCategory.NotFound or ChatErrorCategory.Invalid)
        {
            return false;
        }
    }

    private static IResult NotFound() => Problems.Of(ErrorCodes.UploadNotFound);

    private static string UrlOf(Guid uploadId) => $"/api/uploads/{uploadId:D}";

    private static UploadView View(StoredUpload upload) =>
        new(upload.UploadId, UrlOf(upload.UploadId), upload.ContentType, upload.Size, upload.FileName, upload.ConversationId, upload.CreatedAt);

    /// <summary>The client's file name without path, control or quote characters, with the detected type's extension (so a saved "page.html" cannot be text posing as a page).</summary>
    private static string SafeFileName(string? name, FileType type)
    {
        var bare = Path.GetFileNameWithoutExtension(Path.GetFileName(name ?? string.Empty).Replace('\\', '/').Split('/')[^1]);
        var cleaned = new string([.. bare.Where(c => !char.IsControl(c) && c is not ('"' or '\'' or '<' or '>' or '`' or '%' or ';'))]).Trim();
        if (cleaned.Length == 0)
        {
            cleaned = "file";
        }

        return (cleaned.Length > 100 ? cleaned[..100] : cleaned) + type.Extension;
    }

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length > 80 ? text[..80] : text;
}
