using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Movements;
using WalletFlow.Host.Identity;

namespace WalletFlow.Host.Api;

/// <summary>
/// <c>POST /v1/coa/imports</c> (issue 20 §3, admin): a chart of accounts as <c>text/csv</c> (seed/coa.csv's
/// columns). Without <c>?apply=true</c> it is a dry run: validated and compared, nothing stored (200 with
/// the report), so a plain POST can never change the books' mapping. <c>?apply=true</c> is the operator's
/// confirmation, drift included: it is stored as the next version by the signed-in principal (201), or
/// answers 200 <c>unchanged</c> when it is the current version already. A bad file is a 400 listing every
/// problem with its line.
/// </summary>
public static class CoaApi
{
    /// <summary>Where a chart of accounts is uploaded (the v1 boundary buffers a text/csv body here instead of refusing it).</summary>
    public const string ImportPath = V1Api.Prefix + "/coa/imports";

    /// <summary>The <see cref="CoaImportRequest.Source"/> of a chart imported over HTTP.</summary>
    public const string Source = "POST " + ImportPath;

    public static IEndpointRouteBuilder MapCoaApi(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/coa/imports", ImportAsync)
            .WithName("ImportChartOfAccounts").RequireScope(Scopes.Admin)
            .Accepts<string>(CsvUpload.MediaType)
            .WithSummary("Import a chart of accounts (text/csv: gl_code,name,class,normal_balance,address_pattern,description). A dry run unless apply=true: "
                + "the report lists GL codes added, removed and changed and the ledger accounts the file would leave unmapped or move to another GL code; "
                + "apply=true stores it as the next version (201), drift included. A bad file is refused whole (400, every problem with its line).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return v1;
    }

    private static async Task<Results<Ok<CoaImportResponse>, Created<CoaImportResponse>, ProblemHttpResult>> ImportAsync(
        [FromQuery] bool? apply, [FromServices] ImportChartOfAccounts import, HttpContext context, CancellationToken ct)
    {
        if (!CsvUpload.IsCsv(context.Request))
            return ApiProblems.Boundary(context, ApiProblems.UnsupportedMediaType, "A chart of accounts is CSV in UTF-8: send Content-Type: text/csv.");
        if (await CsvUpload.ReadAsync(context.Request, ct) is not { } csv)
            return ApiProblems.For(InvalidRequest.For("file", "The file is not valid UTF-8."), context);
        var confirmed = apply == true;
        var imported = await import.RunAsync(
            new CoaImportRequest(csv, Source, WalletFlowClaims.ActorOf(context.User), DryRun: !confirmed, AcceptDrift: confirmed), ct);
        if (!imported.TryGetValue(out var outcome, out var rejected))
            return ApiProblems.For(rejected, context);
        var response = CoaImportResponse.From(outcome);
        return outcome.Status == CoaImportStatus.Applied ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }
}
