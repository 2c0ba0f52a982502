namespace WalletFlow.Core.Coa;

/// <summary>One row of the chart of accounts: a GL code and the address pattern it covers.</summary>
public sealed record CoaEntry
{
    /// <summary>Creates an entry; the GL code and name must not be blank.</summary>
    public CoaEntry(string glCode, string name, AccountClass accountClass, NormalBalance normalBalance, AddressPattern pattern, string description)
    {
        if (string.IsNullOrWhiteSpace(glCode) || glCode.Any(char.IsWhiteSpace))
            throw new ArgumentException($"'{glCode}' is not a GL code.", nameof(glCode));
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (pattern.Text is null)
            throw new ArgumentException("A COA entry needs an address pattern.", nameof(pattern));
        GlCode = glCode;
        Name = name;
        Class = accountClass;
        NormalBalance = normalBalance;
        Pattern = pattern;
        Description = description ?? "";
    }

    /// <summary>The general-ledger code (<c>2000</c>).</summary>
    public string GlCode { get; }

    /// <summary>Short name (<c>Customer wallets</c>).</summary>
    public string Name { get; }

    /// <summary>The class.</summary>
    public AccountClass Class { get; }

    /// <summary>Which side the balance normally sits on.</summary>
    public NormalBalance NormalBalance { get; }

    /// <summary>The addresses this entry covers.</summary>
    public AddressPattern Pattern { get; }

    /// <summary>What the account is for.</summary>
    public string Description { get; }
}
