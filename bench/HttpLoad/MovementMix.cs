using System.Text;
using System.Text.Json;
using WalletFlow.Api;
using WalletFlow.Core.Templates;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>
/// The requests one phase sends: pay-ins of 1.00 USD from <c>banks:bench</c> into a random wallet, or
/// transfers of 1.00 USD between a random pair of distinct wallets, each under its own Idempotency-Key.
/// Bodies are the v1 request records (<see cref="PayInBody"/>, <see cref="TransferBody"/>).
/// </summary>
internal sealed class MovementMix
{
    public const string Currency = "USD";
    public const string Source = "banks:bench";
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly IReadOnlyList<string> _wallets;
    private readonly bool _payIns;

    private MovementMix(bool payIns, IReadOnlyList<string> wallets)
    {
        _payIns = payIns;
        _wallets = wallets;
    }

    public static MovementMix PayIns(IReadOnlyList<string> wallets) => new(true, wallets);

    public static MovementMix Transfers(IReadOnlyList<string> wallets) =>
        wallets.Count >= 2 ? new(false, wallets) : throw new ArgumentException("a transfer needs two wallets", nameof(wallets));

    public string Path => _payIns ? "/v1/payins" : "/v1/transfers";

    /// <summary>The operation walletflow records in walletflow.commands for these requests.</summary>
    public string Operation => _payIns ? TemplateNames.PayIn : TemplateNames.Transfer;

    public HttpRequestMessage Create(string key)
    {
        var random = Random.Shared;
        string body;
        if (_payIns)
        {
            body = JsonSerializer.Serialize(new PayInBody(_wallets[random.Next(_wallets.Count)], "1.00", Currency, Source, key), Json);
        }
        else
        {
            var from = random.Next(_wallets.Count);
            var to = random.Next(_wallets.Count - 1);
            if (to >= from)
                to++;
            body = JsonSerializer.Serialize(new TransferBody(_wallets[from], _wallets[to], "1.00", Currency), Json);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiHeaders.IdempotencyKeyHeader, key);
        return request;
    }
}
