using System.Security.Cryptography;
using System.Text;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Corrections;

/// <summary>
/// A maker asks for a correction (design.md §7): it is checked and recorded PendingApproval with a
/// permanent claim on the request's key, and its workflow starts waiting for a checker's decision until
/// <see cref="CorrectionPolicy.ApprovalTimeout"/>. Nothing is posted here.
/// </summary>
public sealed class RequestCorrection(ICorrectionStore corrections, IWalletStore wallets, ILedger ledger, ICorrectionWorkflows workflows,
    CorrectionPolicy policy, TimeProvider time)
{
    /// <summary>The recorded correction (Created false for a replay), or a rejection (nothing written).</summary>
    public async Task<Result<(Correction Correction, bool Created)>> RunAsync(RequestCorrectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var common =
            from actor in MovementInput.Text(request.Actor, "actor", 128)
            from reason in MovementInput.Text(request.Reason, "reason", 512)
            from evidence in MovementInput.Text(request.Evidence, "evidence", 2000)
            select (actor, reason, evidence);
        if (!common.TryGetValue(out var said, out var rejected))
            return rejected;

        var now = time.GetUtcNow();
        var id = CorrectionId(request.Key);
        Correction correction;
        object canonical;
        if (request.ReverseTransactionId is { } transactionId)
        {
            if (request.WalletId is not null || request.Currency is not null || request.Credit is not null || request.Debit is not null)
                return InvalidRequest.For("reverseTransactionId", "A reversal names only the transaction: leave walletId, currency, credit and debit out.");
            var reversible = await ReversibleAsync(transactionId, cancellationToken);
            if (!reversible.IsSuccess)
                return reversible.Error;
            correction = New(id, CorrectionKind.Reversal, null, null, null, transactionId, said, now);
            canonical = new { kind = "reversal", transactionId, reason = said.reason, evidence = said.evidence };
        }
        else
        {
            if (!PostCorrection.Validate(request.WalletId, request.Currency, request.Credit, request.Debit, request.Reason).TryGetValue(out var entry, out rejected))
                return rejected;
            var wallet = await wallets.FindAsync(entry.walletId, cancellationToken);
            if (wallet is null)
                return new NotFound("wallet", entry.walletId) { Field = "walletId" };
            if (wallet.Currency != entry.ccy)
                return new WalletCurrencyMismatch(wallet.WalletId, wallet.Currency, entry.ccy) { Field = "currency" };
            correction = New(id, CorrectionKind.Adjustment, entry.walletId, entry.credit, entry.debit, null, said, now);
            canonical = new
            {
                kind = "adjustment", walletId = entry.walletId, currency = entry.ccy.Code, credit = entry.credit.MinorUnits,
                debit = entry.debit.MinorUnits, reason = said.reason, evidence = said.evidence,
            };
        }

        // The maker is part of the request: the same key from another principal is a different request.
        var (_, hash) = MovementPipeline.Canonicalize(CorrectionNames.RequestOperation, new { maker = said.actor, correction = canonical });
        var created = await corrections.CreateAsync(correction, request.Key, hash, cancellationToken);
        if (!created.TryGetValue(out var stored, out rejected))
            return rejected;
        // A replay of a correction still undecided (or approved and not yet posted) makes sure its workflow runs.
        if (!stored.Correction.IsFinished)
            await workflows.StartAsync(new CorrectionWorkflowInput(stored.Correction.CorrectionId, stored.Correction.ExpiresAt), cancellationToken);
        return stored;
    }

    /// <summary>A correction's id, derived from its request's key (a retry after a crash names the same correction).</summary>
    public static string CorrectionId(IdempotencyKey key) =>
        "cor_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)))[..24];

    private Correction New(string id, CorrectionKind kind, string? walletId, Monetary.Money? credit, Monetary.Money? debit, long? transactionId,
        (string actor, string reason, string evidence) said, DateTimeOffset now) =>
        new(id, kind, walletId, credit, debit, transactionId, said.reason, said.evidence, CorrectionStatus.PendingApproval, said.actor, now,
            now + policy.ApprovalTimeout, null, null, null, null, null, now);

    /// <summary>
    /// A transaction a correction may reverse: it exists, and it moves no money of a hold or a rolling
    /// reserve — walletflow keeps their state beside the ledger (holds, tranches), so those are closed by
    /// their own commands (release, settle, reserve release), never by a reversal behind their back.
    /// Whether it is already reversed or would overdraw now is the ledger's to say, at approval.
    /// </summary>
    private async Task<Result<long>> ReversibleAsync(long transactionId, CancellationToken cancellationToken)
    {
        if (transactionId < 0)
            return InvalidRequest.For("reverseTransactionId", "A ledger transaction id is 0 or more.");
        var original = await ledger.FindTransactionAsync(transactionId, cancellationToken);
        if (original is null)
            return new NotFound("ledger transaction", transactionId.ToString(System.Globalization.CultureInfo.InvariantCulture)) { Field = "reverseTransactionId" };
        foreach (var posting in original.Postings)
        {
            foreach (var address in new[] { posting.Source, posting.Destination })
            {
                if (AccountClassifier.Classify(address) is { IsSuccess: true, Value.Kind: AccountKind.WalletHold or AccountKind.WalletReserve })
                {
                    return new StateConflict($"Ledger transaction {transactionId} moves money of {address.Value}, whose hold or reserve walletflow tracks: " +
                        "close it with its own command (release, settle, reserve release), not a reversal.") { Field = "reverseTransactionId" };
                }
            }
        }
        return transactionId;
    }
}
