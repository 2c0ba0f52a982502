namespace WalletFlow.Core.Coa;

/// <summary>One field of one GL code that an import changes.</summary>
/// <param name="GlCode">The GL code.</param>
/// <param name="Field">The coa.csv column.</param>
/// <param name="From">Its value in the current version.</param>
/// <param name="To">Its value in the file.</param>
public sealed record CoaFieldChange(string GlCode, string Field, string From, string To);
