namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// One endpoint as the fuzzer sees it: method, path template (<c>{walletId}</c>, <c>{ledger}</c>, …),
/// the body's fields and the breaks sure to get it refused even with a key holding every scope.
/// </summary>
/// <param name="Surface">Which surface, so which shape its errors take.</param>
/// <param name="Method">The HTTP method it is mapped with.</param>
/// <param name="Path">Its route relative to its surface (the ledger API's prefix left out), placeholders in braces.</param>
/// <param name="Scope">The scope it needs (for <see cref="FuzzBreak.WrongScope"/>); null when any identity will do.</param>
/// <param name="Body">Its body's fields; null when it reads no body.</param>
/// <param name="Breaks">Every break sure to get a 4xx from it (one listed twice comes twice as often).</param>
/// <param name="Weight">How many times as often as the others it is attacked.</param>
public sealed record FuzzEndpoint(FuzzSurface Surface, string Method, string Path, string? Scope, IReadOnlyList<FuzzField>? Body, IReadOnlyList<FuzzBreak> Breaks, int Weight = 1)
{
    public string Name => $"{Method} {Path}";

    public override string ToString() => Name;
}
