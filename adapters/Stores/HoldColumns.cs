using WalletFlow.Core.Movements;

namespace WalletFlow.Adapters.Stores;

/// <summary>How walletflow.holds spells a hold's kind and status (the table's CHECK constraints), read and written here only.</summary>
internal static class HoldColumns
{
    public const string Open = "open";

    public static string Kind(HoldKind kind) => kind == HoldKind.Payout ? "payout" : "generic";

    public static HoldKind ParseKind(string text) => text == "payout" ? HoldKind.Payout : HoldKind.Generic;

    public static string ClosedStatus(HoldOutcome outcome) => outcome == HoldOutcome.Settled ? "settled" : "released";
}
