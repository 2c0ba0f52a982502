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

    public static IResult Error(int status, string title, string message, bool bare = false) =>
        Page<ErrorPage>(new { Status = status, Title = title, Message = message, Bare = bare }, status);
}
