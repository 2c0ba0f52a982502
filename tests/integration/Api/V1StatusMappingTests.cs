using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WalletFlow.Api;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>
/// Every code core can reject with has a deliberate v1 status (README, "v1 API"): a new code that
/// nobody mapped fails here instead of surfacing as a 500 in production.
/// </summary>
public sealed class V1StatusMappingTests
{
    private sealed record Rejected(string Code) : Rejection(Code, "test");

    private static readonly Dictionary<string, int> Expected = new()
    {
        [RejectionCodes.InvalidRequest] = 400,
        [RejectionCodes.InvalidAmount] = 400,
        [RejectionCodes.UnknownCurrency] = 400,
        [RejectionCodes.InvalidAsset] = 400,
        [RejectionCodes.InvalidAllocation] = 400,
        [RejectionCodes.InvalidFxRate] = 400,
        [RejectionCodes.InvalidAddress] = 400,
        [RejectionCodes.InsufficientFunds] = 422,
        [RejectionCodes.CurrencyMismatch] = 422,
        [RejectionCodes.NotFound] = 404,
        [RejectionCodes.IdempotencyConflict] = 409,
        [RejectionCodes.IdempotencyInProgress] = 409,
        [RejectionCodes.StateConflict] = 409,
        [RejectionCodes.PayoutsPaused] = 409,
        [RejectionCodes.UnknownProvider] = 422,
        [RejectionCodes.CurrencyNotServed] = 422,
        [RejectionCodes.InvalidWebhook] = 401,
        [RejectionCodes.Unauthenticated] = 401,
        [RejectionCodes.Forbidden] = 403,
        [RejectionCodes.RateLimited] = 429,
        // Ours to fix, never the caller's: answered 500 without the message.
        [RejectionCodes.TemplateMismatch] = 500,
        [RejectionCodes.UnmappedAddress] = 500,
        [RejectionCodes.AmbiguousAddress] = 500,
    };

    [Fact]
    public void Every_rejection_code_has_a_deliberate_status()
    {
        var codes = typeof(RejectionCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), Expected.Keys.Order(StringComparer.Ordinal));
        Assert.All(codes, code => Assert.Equal(Expected[code], ApiProblems.StatusOf(new Rejected(code))));
    }

    [Fact]
    public void Not_found_is_404_for_the_resource_in_the_path_and_422_for_a_field_of_the_body()
    {
        var route = new RouteValueDictionary { ["holdId"] = "h1" };

        Assert.Equal(404, ApiProblems.StatusOf(new NotFound("hold", "h1") { Field = "holdId" }, route));
        Assert.Equal(422, ApiProblems.StatusOf(new NotFound("wallet", "w1") { Field = "walletId" }, route));
        Assert.Equal(404, ApiProblems.StatusOf(new NotFound("wallet", "w1")));
    }

    [Fact]
    public void Every_refusal_of_the_http_boundary_has_its_status_in_ApiProblems_and_a_use_case_code_is_not_one()
    {
        var context = new DefaultHttpContext();

        Assert.Equal(
            [400, 404, 405, 413, 415, 500],
            new[] { ApiProblems.InvalidJson, RejectionCodes.NotFound, ApiProblems.MethodNotAllowed, ApiProblems.PayloadTooLarge, ApiProblems.UnsupportedMediaType, ApiProblems.InternalError }
                .Select(code => ApiProblems.Boundary(context, code, "test").StatusCode));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiProblems.Boundary(context, RejectionCodes.InsufficientFunds, "test"));
    }
}
