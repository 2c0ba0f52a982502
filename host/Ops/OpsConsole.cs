using Microsoft.AspNetCore.Antiforgery;
using WalletFlow.Core.Identity;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Ops;

/// <summary>
/// The operations console under <c>/ops</c> (design.md §9): server-rendered Razor components, htmx for
/// fragments, every command a form with an idempotency key and an anti-forgery token, every handler a
/// binding over a use case or a query. Operators sign in with <see cref="OperatorCookie"/>; their role's
/// scopes decide what they may run, and every screen needs at least a viewer's.
/// </summary>
public static class OpsConsole
{
    public static IServiceCollection AddWalletFlowOps(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "walletflow.ops.antiforgery";
            o.Cookie.Path = OperatorCookie.PathPrefix;
            o.FormFieldName = OpsForm.AntiforgeryField;
        });
        return services;
    }

    public static WebApplication MapOpsConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(OperatorCookie.Serves, ops => ops.UseMiddleware<OpsBoundaryMiddleware>());
        app.UseAntiforgery();
        var ops = app.MapGroup(OperatorCookie.PathPrefix).ExcludeFromDescription().RequireScope(Scopes.ReportsRead);
        // Every post checks its anti-forgery token here, before its handler, whatever the handler binds:
        // minimal APIs check it only for handlers that bind the form, and sign-out binds nothing.
        ops.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
                return OpsResults.Refused(StatusCodes.Status400BadRequest, OpsBoundaryMiddleware.ForgedMessage);
            return await next(invocation);
        });
        ops.MapOpsStaticFiles();
        ops.MapOpsSignIn();
        ops.MapOpsScreens();
        ops.MapOpsCommands();
        return app;
    }
}
