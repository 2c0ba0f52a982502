namespace WalletFlow.Host.Ops;

/// <summary>One input of a console command's form; <see cref="Name"/> is the v1 body's JSON property (dotted for a nested one).</summary>
/// <param name="Name">The form field and the body property it fills (<c>beneficiary.accountNumber</c>).</param>
/// <param name="Label">What the operator reads.</param>
/// <param name="Hint">An example or the rule, shown as the placeholder.</param>
/// <param name="Optional">May be left empty (it is then absent from the body).</param>
/// <param name="Choices">A fixed list to pick from.</param>
/// <param name="Suggestions">Values offered while typing (any other may be typed).</param>
/// <param name="Route">A path value of the command (the hold, the payout, the correction), not a body field.</param>
/// <param name="Minted">Filled with a new id when the form is rendered (a wallet, payout or hold id), so a resubmitted form names the same thing.</param>
public sealed record OpsField(string Name, string Label, string? Hint = null, bool Optional = false, IReadOnlyList<string>? Choices = null, IReadOnlyList<string>? Suggestions = null, bool Route = false, string? Minted = null);
