namespace WalletFlow.Core.Cutover;

/// <summary>What storing a new cutover answered: the cutover (Created false for a replay of the same upload), or why not.</summary>
/// <param name="Cutover">The stored cutover; null when refused.</param>
/// <param name="Created">True when this call stored it.</param>
/// <param name="Conflict">The key was used for another file; null otherwise.</param>
/// <param name="BlockedBy">Another cutover that is neither live nor rolled back; null otherwise.</param>
public sealed record CreatedCutover(CutoverRun? Cutover, bool Created, string? Conflict = null, CutoverRun? BlockedBy = null);
