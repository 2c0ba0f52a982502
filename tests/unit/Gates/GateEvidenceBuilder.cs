using System.Numerics;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Gates;

namespace WalletFlow.Tests.Unit.Gates;

/// <summary>Evidence for the gates, built up a movement at a time so every default foots.</summary>
internal sealed class GateEvidenceBuilder
{
    private static readonly ChartOfAccounts Seed = CoaService.LoadSeed().Chart;

    private readonly Dictionary<(string Account, string Asset), BigInteger> _ledger = [];
    private readonly List<HoldRecord> _holds = [];
    private readonly Dictionary<(string Account, string Asset), StatementBalance> _statements = [];

    /// <summary>A posting on the ledger; wallet accounts' statements follow unless <paramref name="statements"/> is false.</summary>
    public GateEvidenceBuilder Move(string from, string to, long amount, string asset = "NGN/2", bool statements = true)
    {
        Add(from, asset, -amount, statements);
        Add(to, asset, amount, statements);
        return this;
    }

    /// <summary>A balance that breaks the foot: only one side.</summary>
    public GateEvidenceBuilder OneSided(string account, long amount, string asset = "NGN/2")
    {
        Add(account, asset, amount, statements: false);
        return this;
    }

    public GateEvidenceBuilder Hold(string walletId, string holdId, long amount, long fee = 0, bool open = true, string currency = "NGN")
    {
        _holds.Add(new HoldRecord(holdId, walletId, currency, amount, fee, open));
        return this;
    }

    public GateEvidenceBuilder Statement(string account, long balance, string asset = "NGN/2")
    {
        _statements[(account, asset)] = new StatementBalance(account, asset, account.Split(':')[1], balance);
        return this;
    }

    public GateEvidence Build() => new(
        [.. _ledger.Select(kv => new AccountBalance(new AccountAddress(kv.Key.Account), kv.Key.Asset, kv.Value))],
        Seed, [.. _holds], [.. _statements.Values]);

    private void Add(string account, string asset, BigInteger amount, bool statements)
    {
        var balance = _ledger.GetValueOrDefault((account, asset)) + amount;
        _ledger[(account, asset)] = balance;
        if (statements && account.StartsWith("wallets:", StringComparison.Ordinal))
            _statements[(account, asset)] = new StatementBalance(account, asset, account.Split(':')[1], balance);
    }
}
