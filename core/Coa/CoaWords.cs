namespace WalletFlow.Core.Coa;

/// <summary>The words seed/coa.csv uses for classes and normal balances, both ways.</summary>
public static class CoaWords
{
    private static readonly (string Word, AccountClass Class)[] Classes =
    [
        ("asset", AccountClass.Asset), ("liability", AccountClass.Liability), ("equity", AccountClass.Equity),
        ("revenue", AccountClass.Revenue), ("expense", AccountClass.Expense), ("clearing", AccountClass.Clearing),
        ("fx-position", AccountClass.FxPosition), ("suspense", AccountClass.Suspense),
    ];

    /// <summary>Every class word, in table order.</summary>
    public static IReadOnlyList<string> ClassWords { get; } = [.. Classes.Select(c => c.Word)];

    /// <summary>The class for a word, or null for an unknown one.</summary>
    public static AccountClass? ParseClass(string word) =>
        Classes.Where(c => c.Word == word).Select(c => (AccountClass?)c.Class).FirstOrDefault();

    /// <summary>The word for a class.</summary>
    public static string Word(AccountClass accountClass) => Classes.Single(c => c.Class == accountClass).Word;

    /// <summary>The normal balance for <c>debit</c>/<c>credit</c>, or null.</summary>
    public static NormalBalance? ParseNormalBalance(string word) => word switch
    {
        "debit" => NormalBalance.Debit,
        "credit" => NormalBalance.Credit,
        _ => null,
    };

    /// <summary>The word for a normal balance.</summary>
    public static string Word(NormalBalance normalBalance) => normalBalance == NormalBalance.Debit ? "debit" : "credit";
}
