using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Host.LedgerApi;

/// <summary>
/// The one translation from the embedded ledger's results to Formance's HTTP answers: <c>{"data": …}</c>
/// on success, <c>{"errorCode", "errorMessage"}</c> with Formance's status on a refusal.
/// </summary>
internal static class LedgerApiResults
{
    public static IResult Data<T>(LedgerResult<T> result, int status = StatusCodes.Status200OK) =>
        result.Succeeded ? Json(new { data = result.Value }, status) : Error(result.Error);

    public static IResult NoContent<T>(LedgerResult<T> result) =>
        result.Succeeded ? Results.NoContent() : Error(result.Error);

    public static IResult Cursor<T>(LedgerResult<LedgerPage<T>> result) =>
        result.Succeeded
            ? Json(new { cursor = new { pageSize = result.Value.PageSize, hasMore = result.Value.HasMore, next = result.Value.Next, data = result.Value.Data } }, StatusCodes.Status200OK)
            : Error(result.Error);

    public static IResult Error(LedgerError error) => Json(new { errorCode = error.Code, errorMessage = error.Message }, error.Code switch
    {
        LedgerErrorCodes.NotFound or LedgerErrorCodes.LedgerNotFound => StatusCodes.Status404NotFound,
        LedgerErrorCodes.Internal => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    });

    public static IResult Validation(string message) => Error(LedgerError.Validation(message));

    /// <summary>A request refused before the ledger saw it (wrong content type, too large): VALIDATION with the HTTP status that says why.</summary>
    public static IResult Refused(int status, string message) =>
        Json(new { errorCode = LedgerErrorCodes.Validation, errorMessage = message }, status);

    private static IResult Json(object body, int status) => Results.Json(body, LedgerJson.Options, statusCode: status);
}
