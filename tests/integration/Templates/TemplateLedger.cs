using System.Numerics;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using LedgerTransaction = WalletFlow.Adapters.Ledger.LedgerTransaction;
using Posting = WalletFlow.Adapters.Ledger.Posting;

namespace WalletFlow.Tests.Integration.Templates;

/// <summary>Posts filled templates on one fresh embedded ledger and reads back what the money did.</summary>
internal sealed class TemplateLedger(EmbeddedLedger ledger, string name)
{
    public static NumscriptTemplateCatalog Catalog { get; } = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TemplateVar Acc(string address) => new TemplateVar.Account(new AccountAddress(address));

    public static TemplateVar Ngn(long minor) => new TemplateVar.Monetary(new Money(Currency.NGN, minor));

    public static TemplateVar Usd(long minor) => new TemplateVar.Monetary(new Money(Currency.USD, minor));

    public static TemplateVar Usdt(long minor) => new TemplateVar.Monetary(new Money(CurrencyCatalog.Default.Require("USDT"), minor));

    public static TemplateVar AssetOf(Currency currency) => new TemplateVar.Asset(LedgerAsset.For(currency));

    public static TemplateVar Text(string value) => new TemplateVar.Text(value);

    public static Posting P(string source, string destination, BigInteger amount, string asset = "NGN/2") => new(source, destination, amount, asset);

    /// <summary>Fills <paramref name="template"/> through the catalog and posts it as a script.</summary>
    public async Task<LedgerResult<LedgerTransaction>> PostAsync(string template, params (string Name, TemplateVar Value)[] vars)
    {
        var filled = Catalog.Fill(new TemplateCall(template, vars.ToDictionary(v => v.Name, v => v.Value)));
        Assert.True(filled.IsSuccess, filled.Error?.Message);
        return await ledger.CreateTransactionAsync(name,
            new CreateTransaction(null, new TransactionScript(filled.Value.Plain, filled.Value.Vars)), null, Ct);
    }

    /// <summary>Posts and insists it succeeded; returns the postings.</summary>
    public async Task<IReadOnlyList<Posting>> PostOkAsync(string template, params (string Name, TemplateVar Value)[] vars)
    {
        var result = await PostAsync(template, vars);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(template, result.Value.Metadata["template"]);
        return result.Value.Postings;
    }

    /// <summary>Credits <paramref name="wallet"/> (<c>wallets:{id}:main</c>) with a fee-free pay-in from <c>banks:gtb:NGN</c>.</summary>
    public Task<IReadOnlyList<Posting>> FundAsync(string wallet, long amount) =>
        PostOkAsync(WalletFlow.Core.Templates.TemplateNames.PayIn, ("source", Acc("banks:gtb:NGN")), ("wallet", Acc(wallet)),
            ("reserve", Acc(wallet.Replace(":main", ":reserve", StringComparison.Ordinal))), ("amount", Ngn(amount)), ("fee", Ngn(0)), ("reserve_amount", Ngn(0)));

    /// <summary>Every non-zero balance of the ledger, as <c>address asset</c> → balance.</summary>
    public async Task<IReadOnlyDictionary<string, BigInteger>> BalancesAsync()
    {
        var page = await ledger.ListAccountsAsync(name, new LedgerQuery(LedgerQuery.MaxPageSize), withVolumes: true, Ct);
        Assert.True(page.Succeeded, page.Error?.Message);
        Assert.False(page.Value.HasMore);
        return page.Value.Data
            .SelectMany(a => (a.Volumes ?? new Dictionary<string, Volumes>()).Select(v => (Key: $"{a.Address} {v.Key}", v.Value.Balance)))
            .Where(b => !b.Balance.IsZero)
            .ToDictionary(b => b.Key, b => b.Balance);
    }

    /// <summary>The ledger's transactions, newest first.</summary>
    public async Task<int> TransactionCountAsync()
    {
        var page = await ledger.ListTransactionsAsync(name, new LedgerQuery(LedgerQuery.MaxPageSize), Ct);
        Assert.True(page.Succeeded, page.Error?.Message);
        return page.Value.Data.Count;
    }

    /// <summary>Every book foots: per asset, the balances of all accounts sum to zero.</summary>
    public async Task AssertBooksFootAsync()
    {
        var sums = await ledger.AggregateBalancesAsync(name, new LedgerQuery(), null, Ct);
        Assert.True(sums.Succeeded, sums.Error?.Message);
        Assert.All(sums.Value, s => Assert.True(s.Value.IsZero, $"{s.Key} sums to {s.Value}, not zero"));
    }
}
