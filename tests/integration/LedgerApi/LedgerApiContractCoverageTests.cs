using System.Net;
using System.Text;
using WalletFlow.Tests.Integration.Contracts;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.LedgerApi;

/// <summary>
/// Every operation of formance-v2.md's subset, answered by the embedded ledger's API over real HTTP,
/// checked against the schema the Formance contract declares for that operation and status: its
/// successes, its refusals, and amounts beyond <see cref="long"/>. The check of each answer is the
/// client's (<see cref="ContractValidatingHandler"/>); this test fails on an operation of the subset
/// that no answer covered, so a row added to formance-v2.md needs a checked answer here.
/// </summary>
public sealed class LedgerApiContractCoverageTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static async Task<HttpStatusCode> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static string Posting(string source, string destination, string amount) =>
        $$$"""{"postings":[{"source":"{{{source}}}","destination":"{{{destination}}}","amount":{{{amount}}},"asset":"NGN/2"}],"metadata":{}}""";

    [Fact]
    public async Task Every_operation_of_the_subset_answers_what_the_contract_declares_for_its_status()
    {
        await using var server = await LedgerApiHost.StartAsync(database.ConnectionString, TestContext.Current.CancellationToken);
        var contract = FormanceContract.HandlerOver(LedgerApiHost.Url(server));
        using var http = await LedgerApiHost.ClientAsync(server, contract);
        var ledger = "cov" + Guid.NewGuid().ToString("N")[..10];
        var beyondLong = "1" + new string('0', 30);
        var w1 = $"v2/{ledger}/accounts/wallets:w1:main";
        var expected = new (HttpStatusCode Status, HttpMethod Method, string Path, string? Body)[]
        {
            (HttpStatusCode.OK, HttpMethod.Get, "_/info", null),
            (HttpStatusCode.OK, HttpMethod.Get, "_info", null),
            (HttpStatusCode.NoContent, HttpMethod.Post, $"v2/{ledger}", """{"metadata":{"owner":"tests"}}"""),
            (HttpStatusCode.BadRequest, HttpMethod.Post, $"v2/{ledger}", null),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}", null),
            (HttpStatusCode.NotFound, HttpMethod.Get, "v2/nosuchledger0", null),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}/_info", null),
            (HttpStatusCode.OK, HttpMethod.Post, $"v2/{ledger}/transactions", Posting("world", "wallets:w1:main", beyondLong)),
            (HttpStatusCode.OK, HttpMethod.Post, $"v2/{ledger}/transactions?dryRun=true", Posting("wallets:w1:main", "wallets:w2:main", "5")),
            (HttpStatusCode.OK, HttpMethod.Post, $"v2/{ledger}/transactions",
                """{"script":{"plain":"send [NGN/2 250] (\n  source = @wallets:w1:main\n  destination = @wallets:w2:main\n)\nset_tx_meta(\"kind\", \"p2p\")","vars":{}},"reference":"cov-1","metadata":{}}"""),
            (HttpStatusCode.BadRequest, HttpMethod.Post, $"v2/{ledger}/transactions", Posting("wallets:w2:main", "wallets:w3:main", "251")),
            (HttpStatusCode.BadRequest, HttpMethod.Post, $"v2/{ledger}/transactions", """{"script":{"plain":"send [NGN/2 1] (","vars":{}},"metadata":{}}"""),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}/transactions/0?expand=volumes", null),
            (HttpStatusCode.NotFound, HttpMethod.Get, $"v2/{ledger}/transactions/99", null),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}/transactions?pageSize=1", null),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}/transactions?query=" + Uri.EscapeDataString("""{"$match":{"reference":"cov-1"}}"""), null),
            (HttpStatusCode.Created, HttpMethod.Post, $"v2/{ledger}/transactions/0/revert?force=true", null),
            (HttpStatusCode.BadRequest, HttpMethod.Post, $"v2/{ledger}/transactions/0/revert", null),
            (HttpStatusCode.NoContent, HttpMethod.Post, $"v2/{ledger}/transactions/0/metadata", """{"note":"first"}"""),
            (HttpStatusCode.NoContent, HttpMethod.Put, $"v2/{ledger}/transactions/0/metadata", """{"by":"put"}"""),
            (HttpStatusCode.NoContent, HttpMethod.Delete, $"v2/{ledger}/transactions/0/metadata/by", null),
            (HttpStatusCode.NotFound, HttpMethod.Post, $"v2/{ledger}/transactions/99/metadata", """{"x":"y"}"""),
            (HttpStatusCode.NoContent, HttpMethod.Post, $"{w1}/metadata", """{"owner":"o1","tier":"2"}"""),
            (HttpStatusCode.NoContent, HttpMethod.Delete, $"{w1}/metadata/tier", null),
            (HttpStatusCode.OK, HttpMethod.Get, $"{w1}?expand=volumes", null),
            (HttpStatusCode.OK, HttpMethod.Get, $"{w1}?expand=volumes&pit=2000-01-01T00:00:00Z", null),
            (HttpStatusCode.BadRequest, HttpMethod.Get, $"{w1}?pit=yesterday", null),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}/accounts?pageSize=2&expand=volumes", null),
            (HttpStatusCode.BadRequest, HttpMethod.Get, $"v2/{ledger}/accounts?query=" + Uri.EscapeDataString("""{"$nope":{}}"""), null),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}/aggregate/balances?query=" + Uri.EscapeDataString("""{"$match":{"address":"wallets:"}}"""), null),
            (HttpStatusCode.OK, HttpMethod.Get, $"v2/{ledger}/logs", null),
            (HttpStatusCode.UnsupportedMediaType, HttpMethod.Post, $"v2/{ledger}/transactions/0/metadata", null),
        };

        var answered = new List<string>();
        foreach (var (status, method, path, body) in expected)
        {
            // The 415: a body that says it is not JSON.
            var answer = status == HttpStatusCode.UnsupportedMediaType
                ? await SendAsync(http, method, path, "a=b", "text/plain")
                : await SendAsync(http, method, path, body);
            answered.Add($"{(int)answer} {method} {path}");
        }

        Assert.Equal(expected.Select(e => $"{(int)e.Status} {e.Method} {e.Path}"), answered);
        Assert.Empty(contract.Violations);
        var covered = contract.Checked.Select(c => c.Operation.Id).ToHashSet(StringComparer.Ordinal);
        var uncovered = FormanceContract.Subset()
            .Select(s => FormanceContract.Instance.Find(s.Method, s.Path)!.Id)
            .Where(id => !covered.Contains(id))
            .ToList();
        Assert.True(uncovered.Count == 0, "operations of formance-v2.md with no checked answer: " + string.Join(", ", uncovered));
        Assert.Equal(expected.Length, contract.Checked.Count);
    }
}
