using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Accounts;

/// <summary>An address with its kind and the parts it carries; parts a kind does not have are null.</summary>
/// <param name="Address">The address.</param>
/// <param name="Kind">Its kind.</param>
public sealed record ClassifiedAccount(AccountAddress Address, AccountKind Kind)
{
    /// <summary>Wallet id of wallet accounts.</summary>
    public string? WalletId { get; init; }

    /// <summary>Hold id of <see cref="AccountKind.WalletHold"/>.</summary>
    public string? HoldId { get; init; }

    /// <summary>Bank id of <see cref="AccountKind.Bank"/>.</summary>
    public string? BankId { get; init; }

    /// <summary>Provider id of pools and payout clearing.</summary>
    public string? ProviderId { get; init; }

    /// <summary>Currency of banks, pools, custody (the asset) and the first currency of an FX position.</summary>
    public Currency? Currency { get; init; }

    /// <summary>Second currency of an FX position.</summary>
    public Currency? CounterCurrency { get; init; }

    /// <summary>Network of custody accounts.</summary>
    public string? Network { get; init; }

    /// <summary>Counterparty id.</summary>
    public string? CounterpartyId { get; init; }

    /// <summary>Expense name.</summary>
    public string? ExpenseName { get; init; }
}
