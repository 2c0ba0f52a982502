using WalletFlow.Core.Accounts;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Coa;

/// <summary>
/// A validated chart of accounts: resolves every address to exactly one entry. None or several is a
/// rejection naming the address and the candidate patterns.
/// </summary>
public sealed class ChartOfAccounts
{
    /// <summary>Wraps entries; use <see cref="CoaCsv"/> to read and validate them from CSV.</summary>
    public ChartOfAccounts(IEnumerable<CoaEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
    }

    /// <summary>The entries, in file order.</summary>
    public IReadOnlyList<CoaEntry> Entries { get; }

    /// <summary>The entry with a GL code, or null.</summary>
    public CoaEntry? FindByGlCode(string glCode) => Entries.FirstOrDefault(e => e.GlCode == glCode);

    /// <summary>The one entry whose pattern matches; none or several is a rejection.</summary>
    public Result<CoaEntry> Resolve(AccountAddress address)
    {
        var matches = Entries.Where(e => e.Pattern.Matches(address)).ToList();
        if (matches.Count == 1)
            return matches[0];
        if (matches.Count > 1)
            return new AmbiguousAddress(address.Value, [.. matches.Select(Describe)]);
        var family = Entries.Where(e => e.Pattern.Family == address.Segments[0]).ToList();
        return new UnmappedAddress(address.Value, [.. (family.Count > 0 ? family : Entries).Select(Describe)]);
    }

    /// <summary>Resolves text; a malformed address is an <see cref="InvalidAddress"/>.</summary>
    public Result<CoaEntry> Resolve(string address) => AccountAddress.Parse(address).Then(Resolve);

    private static string Describe(CoaEntry entry) => $"{entry.Pattern} ({entry.GlCode})";
}
