using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace WalletFlow.Chaos;

/// <summary>
/// What the API users do during a chaos run: payouts across every sandbox outcome (last digit 1–6 in
/// turn), with pay-ins and transfers between the same wallets in between, shuffled by the seed and
/// spread over the run. Every success answer is kept as a <see cref="ClientReceipt"/>.
/// </summary>
public sealed class ChaosWorkload
{
    public const string PayoutAmount = "10.00";
    public const string PayoutFee = "0.50";
    private const int PayoutsPerWallet = 5;
    private const int Parallelism = 8;

    private readonly ChaosClient _client;
    private readonly ConcurrentQueue<ClientReceipt> _receipts = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly List<string> _wallets;
    private readonly List<Func<CancellationToken, Task>> _operations;

    public ChaosWorkload(ChaosClient client, int payouts, int seed, string runId)
    {
        _client = client;
        var random = new Random(seed);
        _wallets = [.. Enumerable.Range(0, Math.Max(2, payouts / PayoutsPerWallet)).Select(w => $"{runId}-w{w:D5}")];
        Payouts = [.. Enumerable.Range(0, payouts).Select(i => new PlannedPayout(
            $"{runId}-p{i:D5}", _wallets[i % _wallets.Count], (char)('1' + (i % 6)), $"{runId}-kp{i:D5}"))];
        _operations = [.. Payouts.Select(p => (Func<CancellationToken, Task>)(ct => StartPayoutAsync(p, ct)))];
        for (var i = 0; i < payouts / 4; i++)
        {
            var wallet = _wallets[random.Next(_wallets.Count)];
            var key = $"{runId}-ki{i:D5}";
            _operations.Add(ct => PayInAsync(wallet, "5.00", key, ct));
        }
        for (var i = 0; i < payouts / 4; i++)
        {
            var from = _wallets[random.Next(_wallets.Count)];
            var to = _wallets[random.Next(_wallets.Count)];
            if (from == to)
                to = _wallets[(_wallets.IndexOf(from) + 1) % _wallets.Count];
            var key = $"{runId}-kt{i:D5}";
            _operations.Add(ct => TransferAsync(from, to, key, ct));
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_operations));
    }

    public IReadOnlyList<PlannedPayout> Payouts { get; }

    public IReadOnlyCollection<ClientReceipt> Receipts => _receipts;

    /// <summary>Definitive refusals (4xx), "kind key status body" each.</summary>
    public IReadOnlyCollection<string> Refusals => _refusals;

    public int OperationCount => _operations.Count;

    /// <summary>Opens the wallets and pays 200.00 into each.</summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        await Parallel.ForEachAsync(_wallets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (wallet, token) =>
        {
            var opened = await _client.SendAsync(HttpMethod.Post, "/v1/wallets", new { walletId = wallet, ownerId = "chaos", currency = "NGN" }, null, token);
            Keep("wallet", wallet, opened, wallet);
            await PayInAsync(wallet, "200.00", $"{wallet}-funding", token);
        });
    }

    /// <summary>Runs every operation once (each until a definitive answer), operation i starting no sooner than i × spread / count.</summary>
    public async Task RunAsync(TimeSpan spread, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var interval = spread / Math.Max(1, _operations.Count);
        await Parallel.ForEachAsync(Enumerable.Range(0, _operations.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (i, token) =>
        {
            var due = started + interval * i;
            if (due > DateTime.UtcNow)
                await Task.Delay(due - DateTime.UtcNow, token);
            await _operations[i](token);
        });
    }

    private async Task StartPayoutAsync(PlannedPayout payout, CancellationToken ct)
    {
        var answer = await _client.SendAsync(HttpMethod.Post, "/v1/payouts", new
        {
            payoutId = payout.PayoutId, walletId = payout.WalletId, amount = PayoutAmount, currency = "NGN", providerId = "sandbox", fee = PayoutFee,
            beneficiary = new { name = "Ada Obi", accountNumber = "01234567" + payout.Digit, bankCode = "058" },
        }, payout.Key, ct);
        Keep("payout", payout.Key, answer, payout.PayoutId);
    }

    private async Task PayInAsync(string wallet, string amount, string key, CancellationToken ct)
    {
        var answer = await _client.SendAsync(HttpMethod.Post, "/v1/payins",
            new { walletId = wallet, amount, currency = "NGN", source = "banks:chaos", externalRef = key }, key, ct);
        Keep("pay-in", key, answer, null);
    }

    private async Task TransferAsync(string from, string to, string key, CancellationToken ct)
    {
        var answer = await _client.SendAsync(HttpMethod.Post, "/v1/transfers",
            new { fromWalletId = from, toWalletId = to, amount = "1.00", currency = "NGN" }, key, ct);
        Keep("transfer", key, answer, null);
    }

    private void Keep(string kind, string key, ChaosAnswer answer, string? resourceId)
    {
        if (!answer.IsSuccess)
        {
            _refusals.Enqueue($"{kind} {key} {answer.Status} {answer.Body}");
            return;
        }
        string? commandId = null;
        long? transactionId = null;
        if (kind is "pay-in" or "transfer")
        {
            using var body = JsonDocument.Parse(answer.Body);
            commandId = body.RootElement.GetProperty("commandId").GetString();
            transactionId = body.RootElement.GetProperty("transactionId").GetInt64();
        }
        _receipts.Enqueue(new ClientReceipt(kind, key, answer.Status, commandId, transactionId, resourceId));
    }

    public static string Describe(IEnumerable<ClientReceipt> receipts) =>
        string.Join(", ", receipts.GroupBy(r => (r.Kind, r.Status)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.Kind} {g.Key.Status}: {g.Count()}")));
}
