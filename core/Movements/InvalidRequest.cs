using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>A request that breaks a rule of its shape: a missing or malformed field.</summary>
/// <param name="Field">The field at fault (JSON name, or a header name).</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record InvalidRequest(string Field, string Reason)
    : Rejection(RejectionCodes.InvalidRequest, $"{Field}: {Reason}")
{
    /// <summary>The rejection as a <see cref="Result{T}"/>-friendly value.</summary>
    public static Rejection For(string field, string reason) => new InvalidRequest(field, reason) { Field = field };
}
