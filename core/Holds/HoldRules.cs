using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Holds;

/// <summary>What settling or releasing requires of a hold, in one place (generic holds and payout holds alike).</summary>
public static class HoldRules
{
    /// <summary>
    /// The hold, when it exists, is of <paramref name="kind"/> and still open; else a rejection naming
    /// <paramref name="field"/>. A hold of the other kind is refused: a payout's hold is closed by the
    /// payout saga only, so a generic settle cannot pay out money a provider may also be paying.
    /// </summary>
    public static Result<Hold> RequireOpen(Hold? hold, string holdId, HoldKind kind, string field)
    {
        if (hold is null)
            return new NotFound(kind == HoldKind.Payout ? "payout hold" : "hold", holdId) { Field = field };
        if (hold.Kind != kind)
            return new StateConflict($"Hold '{holdId}' is a {Word(hold.Kind)} hold, not a {Word(kind)} one.") { Field = field };
        if (!hold.IsOpen)
            return new StateConflict($"Hold '{holdId}' is already closed (settled or released); a hold closes once.") { Field = field };
        return hold;
    }

    /// <summary>The hold id a placement without one gets: derived from its key, so a retry names the same hold.</summary>
    public static string DefaultHoldId(IdempotencyKey key) => "hold_" + MovementPipeline.CommandId(key)[4..];

    private static string Word(HoldKind kind) => kind == HoldKind.Payout ? "payout" : "generic";
}
