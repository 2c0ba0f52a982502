namespace WalletFlow.Host.Ops;

/// <summary>A command of the console: its form at <c>/ops/commands/{Slug}</c>, posted back to the same address.</summary>
/// <param name="Slug">The address segment and the endpoint name (<c>Ops.{Slug}</c>, as the audit records it).</param>
/// <param name="Title">The form's heading.</param>
/// <param name="Scope">The scope the operator's role must grant.</param>
/// <param name="Summary">What it does, in one sentence.</param>
/// <param name="Fields">The inputs.</param>
public sealed record OpsCommand(string Slug, string Title, string Scope, string Summary, IReadOnlyList<OpsField> Fields)
{
    public string Path => "/ops/commands/" + Slug;
}
