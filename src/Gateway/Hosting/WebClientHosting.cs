using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace OrleansChat.Gateway.Hosting;

/// <summary>
/// Serves the browser client (<c>src/WebClient</c>'s build output) at <c>/</c>: its files with
/// long-lived caching for content-hashed assets, and <c>index.html</c> for any other page path
/// so that client-side routes (<c>/rooms/…</c>) survive a reload. API and hub paths are never
/// answered with the page: an unknown <c>/api/…</c> address stays a problem-details 404.
/// </summary>
/// <remarks>
/// The folder is <c>Gateway:WebRoot</c> (absolute, or relative to the content root), by default
/// <c>../WebClient/dist</c> relative to the content root, which is where <c>npm run build</c> puts
/// it when the gateway runs from <c>src/Gateway</c>. A configured folder that does not exist stops
/// start-up; a missing default folder only logs a warning and the gateway serves its API alone.
/// </remarks>
internal static partial class WebClientHosting
{
    /// <summary>Configuration key of the folder holding the built client.</summary>
    public const string WebRootKey = "Gateway:WebRoot";

    /// <summary>The folder used when <see cref="WebRootKey"/> is not set, relative to the content root.</summary>
    public const string DefaultWebRoot = "../WebClient/dist";

    private const string IndexFile = "index.html";

    /// <summary>Vite writes content-hashed file names here: a changed file gets a new name, so caching forever is safe.</summary>
    private const string HashedAssetsPrefix = "/assets/";

    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    // Revalidate every time: a new deployment must reach the browser on the next load.
    private const string RevalidateCacheControl = "no-cache";

    private static readonly string[] ReservedPrefixes = ["/api", "/hubs"];

    /// <summary>
    /// Adds default-document and static-file serving from the client's folder. Place it after the
    /// security headers (so pages get the Content-Security-Policy) and before routing.
    /// </summary>
    /// <returns>The folder's file provider, or null when there is no client to serve.</returns>
    /// <exception cref="InvalidOperationException"><see cref="WebRootKey"/> names a folder that does not exist.</exception>
    public static IFileProvider? UseWebClientFiles(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebClientHosting).FullName!);
        var configured = app.Configuration[WebRootKey];
        var root = ResolveRoot(configured, app.Environment.ContentRootPath);

        if (!Directory.Exists(root))
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    $"{WebRootKey} is '{configured}', but the folder '{root}' does not exist. Build the web client (npm run build in src/WebClient) or fix the setting.");
            }

            LogNoClient(logger, root);
            return null;
        }

        var files = new PhysicalFileProvider(root);
        app.Lifetime.ApplicationStopped.Register(files.Dispose);
        if (!files.GetFileInfo(IndexFile).Exists)
        {
            LogNoIndex(logger, root);
        }

        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments(HashedAssetsPrefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                    ? ImmutableCacheControl
                    : RevalidateCacheControl,
        });
        LogServing(logger, root);
        return files;
    }

    /// <summary>
    /// Answers page requests that matched no endpoint and no file with <c>index.html</c>. Place it
    /// after <c>UseRouting</c>, which decides whether an endpoint matched.
    /// </summary>
    public static void UseWebClientFallback(this WebApplication app, IFileProvider? files)
    {
        if (files is null)
        {
            return;
        }

        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not null || !IsPageRequest(context.Request))
            {
                return next(context);
            }

            var index = files.GetFileInfo(IndexFile);
            return index.Exists ? SendIndexAsync(context, index) : next(context);
        });
    }

    /// <summary>The absolute folder for a configured value (absolute or content-root relative), or the default.</summary>
    public static string ResolveRoot(string? configured, string contentRootPath)
    {
        var value = string.IsNullOrWhiteSpace(configured) ? DefaultWebRoot : configured.Trim();
        return Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(contentRootPath, value));
    }

    /// <summary>
    /// A GET or HEAD for a page of the client: not under <c>/api</c> or <c>/hubs</c>, and not
    /// shaped like a file (a missing <c>/assets/x.js</c> must stay a 404, not become HTML).
    /// </summary>
    public static bool IsPageRequest(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path;
        foreach (var prefix in ReservedPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var value = path.Value ?? "/";
        var lastSegment = value[(value.LastIndexOf('/') + 1)..];
        return !lastSegment.Contains('.', StringComparison.Ordinal);
    }

    private static async Task SendIndexAsync(HttpContext context, IFileInfo index)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = RevalidateCacheControl;
        response.ContentLength = index.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await response.SendFileAsync(index, context.RequestAborted);
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Serving the web client from {WebRoot}")]
    private static partial void LogServing(ILogger logger, string webRoot);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "No web client at {WebRoot}: the gateway serves its API only (build it with npm run build in src/WebClient, or set Gateway:WebRoot)")]
    private static partial void LogNoClient(ILogger logger, string webRoot);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "The web client folder {WebRoot} has no index.html: pages will not load")]
    private static partial void LogNoIndex(ILogger logger, string webRoot);
}
