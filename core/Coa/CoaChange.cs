namespace WalletFlow.Core.Coa;

/// <summary>One field of one GL code that differs between the database and the seed.</summary>
/// <param name="GlCode">The GL code.</param>
/// <param name="Field">The seed/coa.csv column.</param>
/// <param name="Seed">The value in the seed file.</param>
/// <param name="Database">The value in the database.</param>
public sealed record CoaChange(string GlCode, string Field, string Seed, string Database);
