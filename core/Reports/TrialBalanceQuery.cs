using WalletFlow.Core.Coa;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Reports;

/// <summary>The trial balance now or at a past point, grouped by the current chart of accounts.</summary>
public sealed class TrialBalanceQuery(ILedger ledger, CoaSeedSync chart)
{
    /// <summary>The report; a point naming an unknown transaction is <see cref="NotFound"/>.</summary>
    public async Task<Result<TrialBalanceReport>> RunAsync(LedgerPoint? asOf, CancellationToken cancellationToken)
    {
        DateTimeOffset? pointInTime = asOf?.Date;
        if (asOf?.TransactionId is { } id)
        {
            var transaction = await ledger.FindTransactionAsync(id, cancellationToken).ConfigureAwait(false);
            if (transaction is null)
                return new NotFound("transaction", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            pointInTime = transaction.Timestamp;
        }
        var snapshot = await chart.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var balances = new List<AccountBalance>();
        var source = pointInTime is { } pit
            ? ledger.ListBalancesAsync("", pit, cancellationToken)
            : ledger.ListBalancesAsync("", cancellationToken);
        await foreach (var balance in source.ConfigureAwait(false))
            balances.Add(balance);
        return new TrialBalanceReport(asOf, pointInTime, snapshot.Version, TrialBalance.Compute(snapshot.Chart, balances));
    }
}
