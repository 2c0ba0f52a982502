using WalletFlow.Core.Coa;
using WalletFlow.Core.Results;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Host.Ops;

/// <summary>
/// What a command answered, as the console shows it: on success the ledger transaction id(s), what the
/// use case returned and the balances now; on a rejection the use case's code and its exact message.
/// </summary>
public sealed record OpsCard(
    bool Succeeded,
    string Title,
    string? Code,
    string? Message,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    IReadOnlyList<long> TransactionIds,
    IReadOnlyList<AccountBalance> Balances,
    IReadOnlyList<WalletWithBalances> Wallets,
    string? Link = null,
    string? LinkText = null)
{
    public static OpsCard Rejected(OpsCommand command, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(rejection);
        return new(false, command.Title + " refused", rejection.Code, rejection.Message, [], [], [], []);
    }

    public static OpsCard Done(string title, IEnumerable<KeyValuePair<string, string>> facts, string? link = null, string? linkText = null) =>
        new(true, title, null, null, [.. facts], [], [], [], link, linkText);
}
