using System.Net;
using System.Text;
using System.Text.Json;
using WalletFlow.Host;
using WalletFlow.Numscript;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.LedgerApi;

/// <summary>
/// Hostile input to the ledger API over real HTTP (issue 16): a script of 10,000 nested parentheses
/// once overflowed the stack and killed the process. Each refusal is a 400 in Formance's error shape
/// with the script position, nothing is written, and the same server answers the next request.
/// </summary>
public sealed class HostileScriptTests(FreshDatabase database) : IClassFixture<FreshDatabase>, IAsyncLifetime
{
    private WalletFlowServer _server = null!;
    private HttpClient _http = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await LedgerApiHost.StartAsync(database.ConnectionString, Ct);
        // A ledger:admin key: the hostile input comes from a client allowed to use the ledger API, the worst case.
        _http = await LedgerApiHost.ClientAsync(_server);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<string> NewLedgerAsync() => LedgerApiHost.NewLedgerAsync(_http, "hostile");

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string ScriptBody(string script, Dictionary<string, string>? vars = null) =>
        JsonSerializer.Serialize(new { script = new { plain = script, vars = vars ?? [] }, metadata = new Dictionary<string, string>() });

    private Task<(HttpStatusCode Status, JsonElement Body)> PostScriptAsync(string ledger, string script, bool dryRun = false, Dictionary<string, string>? vars = null) =>
        SendAsync(HttpMethod.Post, $"v2/{ledger}/transactions{(dryRun ? "?dryRun=true" : "")}", ScriptBody(script, vars));

    private static void AssertRefused((HttpStatusCode Status, JsonElement Body) answer, string code, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(code, answer.Body.GetProperty("errorCode").GetString());
        Assert.Contains(message, answer.Body.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    // The server still answers, and still writes: one ordinary script after the hostile ones.
    private async Task AssertAliveAndWritingAsync(string ledger)
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "_/info")).Status);
        var written = await PostScriptAsync(ledger, "send [NGN/2 100] (\n  source = @world\n  destination = @wallets:w1:main\n)");
        Assert.Equal(HttpStatusCode.OK, written.Status);
        var account = await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts/wallets:w1:main?expand=volumes");
        Assert.Equal(100, account.Body.GetProperty("data").GetProperty("volumes").GetProperty("NGN/2").GetProperty("balance").GetInt64());
    }

    private async Task<int> TransactionCountAsync(string ledger) =>
        (await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions")).Body.GetProperty("cursor").GetProperty("data").GetArrayLength();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ten_thousand_nested_parentheses_answer_400_with_the_position_and_the_process_stays_up(bool dryRun)
    {
        var ledger = await NewLedgerAsync();
        var script = "send [NGN/2 " + new string('(', 10_000) + "1" + new string(')', 10_000) + "] (\n  source = @world\n  destination = @wallets:w1:main\n)";
        Assert.True(script.Length > 20_000);

        var answer = await PostScriptAsync(ledger, script, dryRun);

        // The monetary's '[' is level 1: the 64th '(' (column 13 + 63) is the first level past the limit.
        AssertRefused(answer, "COMPILATION_FAILED", $"1:76: the script nests deeper than {NumscriptLimits.MaxNestingDepth} levels");
        Assert.Equal(0, await TransactionCountAsync(ledger));
        await AssertAliveAndWritingAsync(ledger);
    }

    [Fact]
    public async Task A_chain_of_ten_thousand_operators_answers_400_with_its_position()
    {
        var ledger = await NewLedgerAsync();
        var script = "send [NGN/2 1" + string.Concat(Enumerable.Repeat(" + 1", 10_000)) + "] (\n  source = @world\n  destination = @wallets:w1:main\n)";

        AssertRefused(await PostScriptAsync(ledger, script, dryRun: true), "COMPILATION_FAILED", "the script nests deeper than");
        await AssertAliveAndWritingAsync(ledger);
    }

    [Fact]
    public async Task Sources_nested_ten_thousand_deep_answer_400_with_their_position()
    {
        var ledger = await NewLedgerAsync();
        var script = "send [NGN/2 1] (\n  source = " + string.Concat(Enumerable.Repeat("{ ", 10_000)) + "@world" + string.Concat(Enumerable.Repeat(" }", 10_000)) + "\n  destination = @wallets:w1:main\n)";

        // The outermost source is level 1, so the 65th '{' is the first past the limit: column 12 + 2 * 64.
        AssertRefused(await PostScriptAsync(ledger, script), "COMPILATION_FAILED", "2:140: the script nests deeper than");
        await AssertAliveAndWritingAsync(ledger);
    }

    [Fact]
    public async Task A_script_over_the_size_limit_in_a_body_the_api_accepts_answers_400_naming_the_limit()
    {
        var ledger = await NewLedgerAsync();
        // 100 KiB: over the script limit (64 KiB), under the ledger API's body limit (which answers 413).
        var script = "send [NGN/2 1] (source = @world destination = @wallets:w1:main)\n//" + new string('x', 100 * 1024);

        AssertRefused(await PostScriptAsync(ledger, script, dryRun: true), "COMPILATION_FAILED",
            $"bytes, more than the limit of {NumscriptLimits.MaxScriptBytes}");
        await AssertAliveAndWritingAsync(ledger);
    }

    [Fact]
    public async Task A_number_literal_of_ten_to_the_78_answers_400_with_its_position()
    {
        var ledger = await NewLedgerAsync();
        var script = "send [NGN/2 1" + new string('0', 78) + "] (\n  source = @world\n  destination = @wallets:w1:main\n)";

        AssertRefused(await PostScriptAsync(ledger, script), "COMPILATION_FAILED", "1:13: a number literal of 79 digits is too large");
        Assert.Equal(0, await TransactionCountAsync(ledger));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_amount_of_ten_to_the_78_from_a_sum_or_a_variable_answers_400_and_writes_nothing(bool fromVariable)
    {
        var script = fromVariable
            ? "vars { monetary $amount }\nsend $amount (\n  source = @world\n  destination = @wallets:w1:main\n)"
            : $"send [NGN/2 9{new string('0', 77)}] + [NGN/2 1{new string('0', 77)}] (\n  source = @world\n  destination = @wallets:w1:main\n)";
        var ledger = await NewLedgerAsync();
        var vars = new Dictionary<string, string> { ["amount"] = "NGN/2 1" + new string('0', 78) };

        var dry = await PostScriptAsync(ledger, script, dryRun: true, vars);
        var real = await PostScriptAsync(ledger, script, vars: vars);

        AssertRefused(dry, "INTERPRETER_RUNTIME", "amounts must be less than 10^78");
        AssertRefused(real, "INTERPRETER_RUNTIME", "amounts must be less than 10^78");
        Assert.Equal(0, await TransactionCountAsync(ledger));
        await AssertAliveAndWritingAsync(ledger);
    }

    [Theory]
    [InlineData("wallets:victim:main\n")]
    [InlineData("wallets:victim:main\r\n")]
    public async Task An_account_variable_with_a_trailing_newline_answers_400(string address)
    {
        var ledger = await NewLedgerAsync();

        var answer = await PostScriptAsync(ledger, "vars { account $to }\nsend [NGN/2 1] (\n  source = @world\n  destination = $to\n)",
            vars: new Dictionary<string, string> { ["to"] = address });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(0, await TransactionCountAsync(ledger));
    }

    [Theory]
    [InlineData("""{"$lt": {"id": 99999999999999999999}}""")]
    [InlineData("""{"$gt": {"id": -99999999999999999999}}""")]
    public async Task A_transaction_id_filter_past_a_64_bit_integer_answers_400(string filter)
    {
        var ledger = await NewLedgerAsync();

        AssertRefused(await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions?query={Uri.EscapeDataString(filter)}"), "VALIDATION", "'id' takes an integer from");
        AssertRefused(await SendAsync(HttpMethod.Get, $"v2/{ledger}/transactions", filter), "VALIDATION", "'id' takes an integer from");
    }

    [Fact]
    public async Task A_balance_filter_of_ten_to_the_78_answers_400()
    {
        var ledger = await NewLedgerAsync();
        var filter = Uri.EscapeDataString($$$"""{"$gt": {"balance[NGN/2]": 1{{{new string('0', 78)}}}}}""");

        AssertRefused(await SendAsync(HttpMethod.Get, $"v2/{ledger}/accounts?query={filter}"), "VALIDATION", "'balance[NGN/2]' takes an integer of less than 10^78");
        AssertRefused(await SendAsync(HttpMethod.Get, $"v2/{ledger}/aggregate/balances?query={filter}"), "VALIDATION", "takes an integer of less than 10^78");
    }

    [Theory]
    [InlineData("transactions", "99999999999999999999")]
    [InlineData("transactions", "abc")]
    [InlineData("transactions", "1\n")]
    [InlineData("accounts", "wallets:w1\u0000:main")]
    [InlineData("accounts", "wallets:w1:main\n")]
    public async Task A_forged_cursor_whose_key_is_not_an_id_or_an_address_answers_400(string listing, string after)
    {
        var ledger = await NewLedgerAsync();
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { after, pageSize = 15 })));

        var answer = await SendAsync(HttpMethod.Get, $"v2/{ledger}/{listing}?cursor={Uri.EscapeDataString(cursor)}");

        AssertRefused(answer, "VALIDATION", "invalid cursor");
    }

    [Theory]
    [InlineData("99999999999999999999")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1001")]
    public async Task A_page_size_out_of_range_answers_400(string pageSize)
    {
        var ledger = await NewLedgerAsync();

        foreach (var listing in new[] { "transactions", "accounts", "logs" })
        {
            var answer = await SendAsync(HttpMethod.Get, $"v2/{ledger}/{listing}?pageSize={pageSize}");
            Assert.Equal((HttpStatusCode.BadRequest, "VALIDATION"), (answer.Status, answer.Body.GetProperty("errorCode").GetString()));
        }
    }
}
