using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Tests.Infrastructure;
using OrleansChat.Gateway.Uploads;

namespace OrleansChat.Gateway.Tests.Api;

[Collection(ChatClusterCollection.Name)]
public sealed class UploadTests(ChatCluster cluster)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    [Fact]
    public async Task An_upload_whose_declared_type_lies_about_its_content_is_refused()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "upl");
        var room = await user.CreateRoomAsync();

        using var htmlAsPng = await UploadAsync(user, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "image/png", "cat.png", room.ConversationId);
        using var pngAsPdf = await UploadAsync(user, Png, "application/pdf", "report.pdf", room.ConversationId);
        using var executable = await UploadAsync(user, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "image/gif", "setup.gif", room.ConversationId);

        await htmlAsPng.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "upload.type_not_allowed");
        await pngAsPdf.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "upload.type_mismatch");
        await executable.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "upload.type_not_allowed");
    }

    [Fact]
    public async Task An_image_is_served_inline_with_its_detected_type_to_members_only()
    {
        using var owner = await ChatUser.SignUpAsync(cluster.Gateway, "upl");
        using var outsider = await ChatUser.SignUpAsync(cluster.Gateway, "out");
        var room = await owner.CreateRoomAsync("private");

        using var created = await UploadAsync(owner, Png, "application/octet-stream", "../../etc/holiday.html", room.ConversationId);
        var upload = await ChatUser.ReadAsync<UploadView>(created, HttpStatusCode.Created);
        using var fetched = await owner.Http.GetAsync(upload.Url);
        using var byOutsider = await outsider.Http.GetAsync(upload.Url);
        using var anonymous = await cluster.Gateway.CreateClient().GetAsync(upload.Url);

        Assert.Equal("image/png", upload.ContentType);
        Assert.Equal("holiday.png", upload.FileName);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("image/png", fetched.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", fetched.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", string.Join(",", fetched.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(Png, await fetched.Content.ReadAsByteArrayAsync());
        await byOutsider.AssertProblemAsync(HttpStatusCode.NotFound, "upload.not_found");
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, "auth.unauthenticated");
    }

    [Fact]
    public async Task Text_and_pdf_are_served_as_attachments_and_markup_posing_as_text_is_refused()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "upl");
        using var friend = await ChatUser.SignUpAsync(cluster.Gateway, "frd");
        var dm = ChatUser.DmWith(user.UserId, friend.UserId);

        using var text = await UploadAsync(user, Encoding.UTF8.GetBytes("meeting notes\nline two\n"), "text/plain; charset=utf-8", "notes.txt", dm);
        using var pdf = await UploadAsync(user, Encoding.ASCII.GetBytes("%PDF-1.7\n%...\n"), "application/pdf", "doc.pdf", dm);
        using var svg = await UploadAsync(user, Encoding.UTF8.GetBytes("  <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), "text/plain", "pic.txt", dm);
        var textView = await ChatUser.ReadAsync<UploadView>(text, HttpStatusCode.Created);
        await ChatUser.ReadAsync<UploadView>(pdf, HttpStatusCode.Created);
        using var fetchedByFriend = await friend.Http.GetAsync(textView.Url);

        Assert.Equal("text/plain", textView.ContentType);
        Assert.Equal("attachment", fetchedByFriend.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("text/plain", fetchedByFriend.Content.Headers.ContentType?.MediaType);
        await svg.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "upload.type_not_allowed");
    }

    [Fact]
    public async Task An_avatar_is_public_and_can_become_the_profile_picture()
    {
        using var user = await ChatUser.SignUpAsync(cluster.Gateway, "ava");
        using var form = new MultipartFormDataContent { { File(Png, "image/png"), "file", "me.png" }, { new StringContent("avatar"), "purpose" } };

        using var created = await user.Http.PostAsync("/api/uploads", form);
        var upload = await ChatUser.ReadAsync<UploadView>(created, HttpStatusCode.Created);
        using var anonymous = await cluster.Gateway.CreateClient().GetAsync(upload.Url);
        using var profile = await user.Http.PatchAsync("/api/me/profile", JsonContent(new { avatarUrl = upload.Url }));

        Assert.Null(upload.ConversationId);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("image/png", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(upload.Url, (await ChatUser.ReadAsync<UserProfileView>(profile, HttpStatusCode.OK)).AvatarUrl);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_the_server_stays_up()
    {
        await using var gateway = await cluster.StartGatewayAsync(s => s.Configuration["Gateway:Uploads:MaxBytes"] = "2048");
        using var user = await ChatUser.SignUpAsync(gateway, "big");
        var room = await user.CreateRoomAsync();
        var tooBig = new byte[4096];
        Png.CopyTo(tooBig, 0);

        using var refused = await UploadAsync(user, tooBig, "image/png", "big.png", room.ConversationId);
        using var accepted = await UploadAsync(user, Png, "image/png", "small.png", room.ConversationId);

        await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "upload.too_large");
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Type_detection_follows_the_content_not_the_name()
    {
        Assert.Equal(FileType.Png, FileTypeDetector.Detect(Png));
        Assert.Equal(FileType.Jpeg, FileTypeDetector.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]));
        Assert.Equal(FileType.Gif, FileTypeDetector.Detect("GIF89a...."u8));
        Assert.Equal(FileType.WebP, FileTypeDetector.Detect("RIFF\x10\x00\x00\x00WEBPVP8 "u8));
        Assert.Equal(FileType.Pdf, FileTypeDetector.Detect("%PDF-1.4"u8));
        Assert.Equal(FileType.Text, FileTypeDetector.Detect("plain words, émoji 🎉"u8));
        Assert.Null(FileTypeDetector.Detect("<!DOCTYPE html><p>hi"u8));
        Assert.Null(FileTypeDetector.Detect([0x00, 0x01, 0x02]));
        Assert.Null(FileTypeDetector.Detect([0xC3, 0x28]));
        Assert.Null(FileTypeDetector.Detect([]));
    }

    private static Task<HttpResponseMessage> UploadAsync(ChatUser user, byte[] content, string declaredType, string fileName, string conversationId)
    {
        var form = new MultipartFormDataContent { { File(content, declaredType), "file", fileName }, { new StringContent(conversationId), "conversationId" } };
        return user.Http.PostAsync("/api/uploads", form);
    }

    private static ByteArrayContent File(byte[] content, string declaredType)
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        return part;
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
