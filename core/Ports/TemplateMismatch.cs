using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>A call names an unknown template, or its vars do not match what the template declares.</summary>
/// <param name="Template">The template named.</param>
/// <param name="Reason">What does not fit (missing var, wrong type, unknown var).</param>
public sealed record TemplateMismatch(string Template, string Reason) : Rejection(
    RejectionCodes.TemplateMismatch,
    $"Template '{Template}': {Reason}");
