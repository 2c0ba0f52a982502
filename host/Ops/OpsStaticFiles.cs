using System.Reflection;

namespace WalletFlow.Host.Ops;

/// <summary>
/// The console's static files, embedded in the executable (<c>Ops/Static</c>): htmx from the npm package
/// <c>htmx.org</c> with its licence, and the stylesheet. Served from here, never a CDN.
/// </summary>
public static class OpsStaticFiles
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".LICENSE"] = "text/plain; charset=utf-8",
        [".VERSION"] = "text/plain; charset=utf-8",
    };

    public static RouteGroupBuilder MapOpsStaticFiles(this RouteGroupBuilder ops)
    {
        ops.MapGet("/static/{name}", (string name, HttpContext context) =>
        {
            var type = Types.FirstOrDefault(t => name.EndsWith(t.Key, StringComparison.Ordinal)).Value;
            var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("ops-static/" + name);
            if (stream is null)
                return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Stream(stream, type);
        }).AllowAnonymous().ExcludeFromDescription();
        return ops;
    }
}
