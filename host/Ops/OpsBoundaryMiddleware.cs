namespace WalletFlow.Host.Ops;

/// <summary>
/// The console's refusals of a request's shape as a page, not an empty 400: above all a form posted
/// without its anti-forgery token (or with another session's), which minimal APIs refuse while binding
/// the form, before any handler runs, so nothing is written.
/// </summary>
public sealed class OpsBoundaryMiddleware(RequestDelegate next)
{
    public const string ForgedMessage =
        "This form's anti-forgery token is missing or not valid for your session, so nothing was done. Reload the page and send the form again.";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            var forged = e.InnerException is Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException
                || e.Message.Contains("anti-forgery", StringComparison.OrdinalIgnoreCase);
            await OpsResults.Refused(e.StatusCode, forged ? ForgedMessage : "The request could not be read, so nothing was done.")
                .ExecuteAsync(context);
        }
    }
}
