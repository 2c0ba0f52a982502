namespace WalletFlow.Core.Flags;

/// <summary>A feature flag's current state and the last change to it.</summary>
/// <param name="Name">A name from <see cref="FeatureFlagNames"/>.</param>
/// <param name="Enabled">On or off.</param>
/// <param name="Reason">Why it was last changed.</param>
/// <param name="UpdatedBy">Who changed it (an operator, or <c>gates</c>); null when never set.</param>
/// <param name="UpdatedAt">When; null when never set.</param>
public sealed record FeatureFlag(string Name, bool Enabled, string? Reason, string? UpdatedBy, DateTimeOffset? UpdatedAt)
{
    /// <summary>A flag never set: off.</summary>
    public static FeatureFlag Unset(string name) => new(name, false, null, null, null);
}
