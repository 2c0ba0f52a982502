namespace WalletFlow.Core.Cutover;

/// <summary>One state change of a cutover: the step it records, the status it moves to, and its one outbox event.</summary>
/// <param name="Step">A step name from <see cref="CutoverLifecycle"/>; a step recorded again adds no row and no event.</param>
/// <param name="Status">The status the cutover moves to, when <see cref="CutoverLifecycle.MayMove"/> allows it.</param>
/// <param name="EventType">The outbox event, past tense.</param>
/// <param name="Detail">What a human should know (counts, the failing gate).</param>
/// <param name="Actor">Who caused it (the uploader, the operator who rolled back); null for the workflow's own steps.</param>
public sealed record CutoverTransition(string Step, CutoverStatus Status, string EventType, string? Detail = null, string? Actor = null);
