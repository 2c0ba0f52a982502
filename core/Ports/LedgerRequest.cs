namespace WalletFlow.Core.Ports;

/// <summary>
/// A filled template to post. <see cref="IdempotencyKey"/> and <see cref="Reference"/> make a retried
/// post return the first transaction instead of writing twice (design.md §5).
/// </summary>
/// <param name="Script">The filled template.</param>
/// <param name="IdempotencyKey">The command's idempotency key.</param>
/// <param name="Reference">A unique reference for the transaction.</param>
/// <param name="Metadata">Transaction metadata.</param>
public sealed record LedgerRequest(
    TemplateScript Script,
    string IdempotencyKey,
    string Reference,
    IReadOnlyDictionary<string, string> Metadata);
