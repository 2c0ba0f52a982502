using System.ComponentModel.DataAnnotations;

namespace WalletFlow.Adapters.Movements;

/// <summary><c>Movements:*</c>: how the embedded ledger's movements share transactions (<see cref="GroupMovementWriter"/>).</summary>
public sealed class MovementsOptions
{
    public const string Section = "Movements";

    /// <summary>Most movements one transaction writes.</summary>
    [Range(1, 1000)]
    public int MaxGroupSize { get; set; } = 64;

    /// <summary>Groups in flight at once, each on its own connection.</summary>
    [Range(1, 64)]
    public int ConcurrentGroups { get; set; } = 2;
}
