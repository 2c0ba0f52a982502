using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>
/// One request the sandbox rail received, as it arrived, so a test can assert exactly what walletflow
/// sent. <see cref="Amount"/> and <see cref="Beneficiary"/> are set for a readable submit.
/// </summary>
/// <param name="Method">POST (submit) or GET (requery).</param>
/// <param name="Path">The request path.</param>
/// <param name="PayoutId">The payout the request is about, when it names one.</param>
/// <param name="IdempotencyKey">The <c>Idempotency-Key</c> header, if any.</param>
/// <param name="Authorization">The <c>Authorization</c> header, if any.</param>
/// <param name="Amount">The submitted amount.</param>
/// <param name="Beneficiary">The submitted beneficiary.</param>
/// <param name="Body">The raw body.</param>
/// <param name="ReceivedAt">When it arrived (the rail's TimeProvider).</param>
public sealed record SandboxRequest(
    string Method,
    string Path,
    string? PayoutId,
    string? IdempotencyKey,
    string? Authorization,
    Money? Amount,
    Beneficiary? Beneficiary,
    string Body,
    DateTimeOffset ReceivedAt)
{
    public bool IsSubmit => Method == "POST";
}
