using System.ComponentModel.DataAnnotations;
using WalletFlow.Core.Cutover;

namespace WalletFlow.Adapters.Durable;

/// <summary><c>Cutover:*</c>: how a cutover's rows are split into batch activities and posted.</summary>
public sealed class CutoverOptions
{
    public const string Section = "Cutover";

    /// <summary>Rows per batch activity (the batches run fanned out; one row's posting is one movement).</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Rows of one batch posted at a time (the embedded ledger's group commit takes them together).</summary>
    [Range(1, 256)]
    public int RowsInFlight { get; set; } = 16;

    public CutoverPolicy ToPolicy() => new(BatchSize, RowsInFlight);
}
