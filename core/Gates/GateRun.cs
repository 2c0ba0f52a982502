namespace WalletFlow.Core.Gates;

/// <summary>One run of the four gates (design.md §8 gives its JSON shape).</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="At">When it ran.</param>
/// <param name="Passed">True when every gate passed.</param>
/// <param name="Gates">The four verdicts, in <see cref="GateNames.All"/> order.</param>
/// <param name="Trigger">What started it: <c>startup</c>, <c>timer</c>, <c>api</c>, <c>cli</c>.</param>
public sealed record GateRun(Guid RunId, DateTimeOffset At, bool Passed, IReadOnlyList<GateResult> Gates, string Trigger);
