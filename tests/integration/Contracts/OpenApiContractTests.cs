using System.Net;
using System.Text;
using System.Text.Json;
using WalletFlow.Tests.Integration.Durable;

namespace WalletFlow.Tests.Integration.Contracts;

/// <summary>
/// The response-schema check itself, on the Formance contract: a body with one field broken fails,
/// naming the operation and the request's path; so does an operation or a status the contract does
/// not declare. Without these, a check that accepts everything would pass every other test.
/// </summary>
public sealed class OpenApiContractTests
{
    private static OpenApiContract Formance => FormanceContract.Instance;

    private const string Transaction = """{"id":0,"timestamp":"2026-01-01T00:00:00Z","insertedAt":"2026-01-01T00:00:00Z","postings":[{"source":"world","destination":"wallets:w1:main","amount":100,"asset":"NGN/2"}],"metadata":{},"reverted":false}""";

    private static string Logs(string data) =>
        $$$"""{"cursor":{"pageSize":15,"hasMore":false,"data":[{"id":1,"type":"REVERTED_TRANSACTION","data":{{{data}}},"date":"2026-01-01T00:00:00Z","hash":"q83v"}]}}""";

    [Fact]
    public void A_revert_logged_as_revertedTransactionID_fails_naming_the_operation_and_path_and_the_contract_shape_passes()
    {
        var old = Formance.Check("GET", "/v2/books/logs", 200, "application/json", Logs($$"""{"revertedTransactionID":0,"transaction":{{Transaction}}}"""));
        var contract = Formance.Check("GET", "/v2/books/logs", 200, "application/json",
            Logs($$"""{"revertedTransaction":{{Transaction.Replace("\"reverted\":false", "\"reverted\":true", StringComparison.Ordinal)}},"transaction":{{Transaction}}}"""));

        Assert.Equal("v2ListLogs", old.Operation?.Id);
        Assert.NotNull(old.Violation);
        Assert.Contains("v2ListLogs (GET /v2/{ledger}/logs) answered GET /v2/books/logs with 200", old.Violation, StringComparison.Ordinal);
        Assert.Contains("at /cursor/data/0/data", old.Violation, StringComparison.Ordinal);
        Assert.Contains("revertedTransaction", old.Violation, StringComparison.Ordinal);
        Assert.Null(contract.Violation);
    }

    [Theory]
    [InlineData("\"amount\":100", "\"amount\":\"100\"", "/data/postings/0/amount")] // an amount as a string
    [InlineData("\"amount\":100", "\"amount\":1.5", "/data/postings/0/amount")]
    [InlineData("\"amount\":100", "\"amount\":1e2", "/data/postings/0/amount")] // an integer, but not written as Formance writes amounts
    [InlineData("\"reverted\":false", "\"reverted\":\"no\"", "/data/reverted")]
    [InlineData("\"metadata\":{}", "\"metadata\":{\"n\":1}", "/data/metadata/n")]
    [InlineData(",\"metadata\":{}", "", "/data")] // a required field left out
    public void A_transaction_with_one_field_broken_fails_naming_the_operation_the_path_and_the_field(string field, string broken, string at)
    {
        var body = $$"""{"data":{{Transaction.Replace(field, broken, StringComparison.Ordinal)}}}""";

        var (operation, violation) = Formance.Check("POST", "/v2/books/transactions", 200, "application/json", body);

        Assert.Equal("v2CreateTransaction", operation?.Id);
        Assert.NotNull(violation);
        Assert.Contains("v2CreateTransaction (POST /v2/{ledger}/transactions) answered POST /v2/books/transactions with 200", violation, StringComparison.Ordinal);
        Assert.Contains("at " + at + ":", violation, StringComparison.Ordinal);
        Assert.Null(Formance.Check("POST", "/v2/books/transactions", 200, "application/json", $$"""{"data":{{Transaction}}}""").Violation);
    }

    [Fact]
    public void Amounts_and_ids_beyond_long_are_integers_of_the_contract()
    {
        var huge = "1" + new string('0', 40);
        var body = $$"""{"data":{{Transaction.Replace("\"amount\":100", "\"amount\":" + huge, StringComparison.Ordinal).Replace("\"id\":0", "\"id\":" + huge, StringComparison.Ordinal)}}}""";

        Assert.Null(Formance.Check("GET", "/v2/books/transactions/0", 200, "application/json", body).Violation);
        Assert.Null(Formance.Check("GET", "/v2/books/aggregate/balances", 200, "application/json", $$$"""{"data":{"NGN/2":-{{{huge}}}}}""").Violation);
        // pageSize is int64, bounded by the contract.
        Assert.NotNull(Formance.Check("GET", "/v2/books/transactions", 200, "application/json", $$$"""{"cursor":{"pageSize":{{{huge}}},"hasMore":false,"data":[]}}""").Violation);
    }

    [Fact]
    public void An_error_body_needs_one_of_the_contract_codes_and_a_message()
    {
        Assert.Null(Formance.Check("GET", "/v2/books/transactions/9", 404, "application/json", """{"errorCode":"NOT_FOUND","errorMessage":"transaction 9 not found"}""").Violation);

        var unknownCode = Formance.Check("GET", "/v2/books/transactions/9", 404, "application/json", """{"errorCode":"not_found","errorMessage":"x"}""").Violation;
        var noMessage = Formance.Check("GET", "/v2/books/transactions/9", 400, "application/json", """{"errorCode":"VALIDATION"}""").Violation;
        var problem = Formance.Check("GET", "/v2/books/transactions/9", 401, "application/problem+json", """{"title":"Unauthorized","status":401}""").Violation;

        Assert.Contains("at /errorCode:", unknownCode, StringComparison.Ordinal);
        Assert.Contains("errorMessage", noMessage, StringComparison.Ordinal);
        Assert.Contains("as application/problem+json: its 'default' response declares application/json", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operation_or_a_status_the_contract_does_not_declare_fails_naming_it()
    {
        var unknown = Formance.Check("GET", "/v2/books/ledgers/nope", 200, "application/json", "{}").Violation;
        var status = Formance.Check("POST", "/v2/books/transactions/0/revert", 200, "application/json", $$"""{"data":{{Transaction}}}""").Violation;
        var noBody = Formance.Check("POST", "/v2/books", 204, "application/json", "{}").Violation;

        Assert.Equal("the Formance Ledger v2 contract: no operation is GET /v2/books/ledgers/nope", unknown);
        Assert.Contains("v2RevertTransaction (POST /v2/{ledger}/transactions/{id}/revert) answered POST /v2/books/transactions/0/revert with 200, a status the operation does not declare", status, StringComparison.Ordinal);
        Assert.Contains("v2CreateLedger (POST /v2/{ledger}) answered POST /v2/books with 204: its '204' response declares no body", noBody, StringComparison.Ordinal);
        Assert.Null(Formance.Check("POST", "/v2/books/transactions/0/revert", 201, "application/json", $$"""{"data":{{Transaction}}}""").Violation);
    }

    [Fact]
    public void Nullable_fields_of_OpenAPI_3_0_accept_null_and_required_ones_do_not()
    {
        const string ledger = """{"data":{"name":"books","bucket":"_default","addedAt":"2026-01-01T00:00:00Z","deletedAt":null,"metadata":{}}}""";

        Assert.Null(Formance.Check("GET", "/v2/books", 200, "application/json", ledger).Violation);
        Assert.NotNull(Formance.Check("GET", "/v2/books", 200, "application/json", ledger.Replace("\"bucket\":\"_default\"", "\"bucket\":null", StringComparison.Ordinal)).Violation);
    }

    [Fact]
    public void A_spelling_formance_v2_md_uses_answers_as_the_contract_operation()
    {
        Assert.Null(Formance.Check("GET", "/_info", 200, "application/json", """{"server":"s","version":"v","config":{}}""").Violation);
        Assert.Contains("v2GetInfo (GET /_/info, spelled GET /_info)",
            Formance.Check("GET", "/_info", 200, "application/json", """{"server":"s","version":"v"}""").Violation, StringComparison.Ordinal);
        Assert.Equal("v2AddMetadataOnTransaction", Formance.Find("PUT", "/v2/books/transactions/0/metadata")?.Id);
    }

    [Fact]
    public void Every_operation_of_formance_v2_md_is_an_operation_of_the_contract()
    {
        var subset = FormanceContract.Subset();

        Assert.Contains(("DELETE", "/v2/{ledger}/transactions/{id}/metadata/{key}"), subset);
        Assert.Contains(("DELETE", "/v2/{ledger}/accounts/{address}/metadata/{key}"), subset);
        Assert.Contains(("GET", "/v2/{ledger}/logs"), subset);
        Assert.True(subset.Count >= 16, string.Join(", ", subset));
        Assert.All(subset, s => Assert.NotNull(Formance.Find(s.Method, s.Path)));
    }

    // Through the handler, over a real loopback socket: the request that got a broken answer fails.
    [Fact]
    public async Task A_broken_answer_through_the_handler_throws_naming_the_operation_and_path()
    {
        var port = ListeningSockets.FreeLoopbackPort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var served = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            var bytes = Encoding.UTF8.GetBytes("""{"server":"walletflow","version":"1"}""");
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, TestContext.Current.CancellationToken);
            context.Response.Close();
        }, TestContext.Current.CancellationToken);
        var root = new Uri($"http://127.0.0.1:{port}/api/ledger/");
        var handler = FormanceContract.HandlerOver(root);
        using var http = new HttpClient(handler) { BaseAddress = root };

        var thrown = await Assert.ThrowsAsync<ContractViolationException>(() => http.GetAsync(new Uri("_/info", UriKind.Relative), TestContext.Current.CancellationToken));
        await served;

        Assert.StartsWith("the Formance Ledger v2 contract: v2GetInfo (GET /_/info) answered GET /_/info with 200: the body does not match", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("config", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(thrown.Message, Assert.Single(handler.Violations));
        Assert.Equal("v2GetInfo", Assert.Single(handler.Checked).Operation.Id);
    }

    [Fact]
    public void A_component_schema_checks_a_value_alone()
    {
        using var reverted = JsonDocument.Parse($$"""{"revertedTransaction":{{Transaction}},"transaction":{{Transaction}}}""");
        using var old = JsonDocument.Parse($$"""{"revertedTransactionID":0,"transaction":{{Transaction}}}""");

        Assert.Empty(Formance.Errors("V2LogDataRevertedTransaction", reverted.RootElement));
        Assert.Contains(Formance.Errors("V2LogDataRevertedTransaction", old.RootElement), e => e.Contains("revertedTransaction", StringComparison.Ordinal));
    }
}
