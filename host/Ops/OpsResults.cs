using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Components;
using WalletFlow.Host.Ops.Components;

namespace WalletFlow.Host.Ops;

/// <summary>The console's answers: a whole page, or, for an htmx request, only the fragment it swaps in.</summary>
public static class OpsResults
{
    public static IResult Page<TComponent>(object parameters, int status = StatusCodes.Status200OK) where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(parameters) { StatusCode = status };

    public static bool IsHtmx(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Headers.ContainsKey("HX-Request");
    }

    /// <summary>
    /// A command's answer: its card (htmx swaps it in beside the form), or the form's page again with the
    /// card (a plain post). A rejection is a 422, so the audit records it refused.
    /// </summary>
    public static IResult Outcome(HttpContext context, OpsForm form, OpsCard card)
    {
        var status = card.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
        return IsHtmx(context)
            ? Page<CardView>(new { Card = card }, status)
            : Page<CommandPage>(new { Form = form, Card = card }, status);
    }

    public static IResult Error(int status, string title, string message) =>
        Page<ErrorPage>(new { Status = status, Title = title, Message = message }, status);

    /// <summary>
    /// The refusal of a post whose anti-forgery token is missing or wrong, as plain HTML: the component
    /// renderer treats a post as a form submission and itself aborts one whose token failed, so this page
    /// is not a component.
    /// </summary>
    public static IResult Refused(int status, string message) => Results.Content(
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8" /><title>Request refused · walletflow ops</title><link rel="stylesheet" href="/ops/static/ops.css" /></head>
        <body><main><h1>Request refused</h1><div class="card bad"><p class="status">{status}</p><p class="reason">{System.Net.WebUtility.HtmlEncode(message)}</p>
        <p><a href="/ops">Back to the console</a></p></div></main></body></html>
        """,
        "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
