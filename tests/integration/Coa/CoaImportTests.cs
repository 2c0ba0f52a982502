using System.Net;
using System.Text.Json;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Seed;
using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Coa;

/// <summary>
/// Importing a chart of accounts (issue 20 §3) through the real host and the walletflow CLI on one
/// database: validated like the seed (an overlap names both lines), compared with the current version
/// and the ledger's accounts, and stored as a new version with who and when only when confirmed.
/// </summary>
public sealed class CoaImportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string SeedBanks = "1000,Cash at banks,asset,debit,banks:{bankId}:{ccy},Cash held at a partner bank; one account per bank and currency";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string> Env => new() { ["ConnectionStrings__WalletFlow"] = api.Database.ConnectionString };

    /// <summary>The seed chart with <paramref name="from"/> replaced by <paramref name="to"/>.</summary>
    private static string SeedWith(string from, string to)
    {
        Assert.Contains(from, SeedTables.ChartOfAccounts, StringComparison.Ordinal);
        return SeedTables.ChartOfAccounts.Replace(from, to, StringComparison.Ordinal);
    }

    private Task<ApiAnswer> ImportAsync(string csv, bool apply = false) =>
        api.SendAsync(HttpMethod.Post, apply ? "/v1/coa/imports?apply=true" : "/v1/coa/imports", csv, null, "text/csv");

    /// <summary>The versions stored so far, once start-up has stored the seed.</summary>
    private async Task<long> VersionsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        long count;
        while ((count = await api.CountAsync("walletflow.coa_versions", "true")) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "start-up stored no chart of accounts within a minute");
            await Task.Delay(100, Ct);
        }
        return count;
    }

    private async Task<(int ExitCode, string Output)> CliImportAsync(string csv, params string[] flags)
    {
        var file = Path.Combine(Path.GetTempPath(), $"coa-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv, Ct);
        try
        {
            return await WalletFlowProcess.RunAsync(AppContext.BaseDirectory, Env, ["coa", "import", file, .. flags]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_import_with_an_overlapping_pattern_is_refused_naming_both_lines_and_stores_nothing()
    {
        var versions = await VersionsAsync();
        // Line 18 (a VIP wallet family) overlaps line 8 (wallets:{walletId}:main).
        var csv = SeedTables.ChartOfAccounts.TrimEnd('\n') + "\n2999,VIP wallets,liability,credit,wallets:vip:main,Overlaps the wallets\n";

        var answer = await ImportAsync(csv, apply: true);

        Assert.True(answer.Status == HttpStatusCode.BadRequest, answer.ToString());
        Assert.Equal("invalid_request", answer.Code);
        Assert.Equal(["line 18"], answer.ErrorFields);
        var line = Assert.Single(answer.Body.GetProperty("lines").EnumerateArray());
        Assert.Equal((18, 8), (line.GetProperty("line").GetInt32(), line.GetProperty("otherLine").GetInt32()));
        Assert.Contains("on line 18 overlaps pattern 'wallets:{walletId}:main' (GL 2000) on line 8", line.GetProperty("message").GetString(), StringComparison.Ordinal);

        var cli = await CliImportAsync(csv, "--apply");
        Assert.True(cli.ExitCode == 1, cli.Output);
        Assert.Contains("line 18: pattern 'wallets:vip:main' (GL 2999) on line 18 overlaps pattern 'wallets:{walletId}:main' (GL 2000) on line 8", cli.Output, StringComparison.Ordinal);
        Assert.Contains("refused whole; nothing stored", cli.Output, StringComparison.Ordinal);
        Assert.Equal(versions, await api.CountAsync("walletflow.coa_versions", "true"));
    }

    [Fact]
    public async Task A_class_other_than_the_account_kinds_an_unknown_class_and_a_missing_kind_are_refused_by_line()
    {
        var versions = await VersionsAsync();

        var asset = await ImportAsync(SeedWith("2000,Customer wallets,liability,credit", "2000,Customer wallets,asset,debit"));
        var unknown = await ImportAsync(SeedWith("5000,Expenses,expense,", "5000,Expenses,costs,"));
        var missing = await ImportAsync(SeedWith("5000,Expenses,expense,debit,expenses:{name},Operating expenses by name\n", ""));

        Assert.Equal(HttpStatusCode.BadRequest, asset.Status);
        Assert.Contains("line 8: pattern 'wallets:{walletId}:main' (GL 2000) covers WalletMain accounts", asset.Text, StringComparison.Ordinal);
        Assert.Equal(["line 16"], unknown.ErrorFields);
        Assert.Contains("unknown class 'costs'", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("no entry covers Expense accounts (expenses:{name})", missing.Text, StringComparison.Ordinal);
        Assert.Equal(versions, await api.CountAsync("walletflow.coa_versions", "true"));
    }

    [Fact]
    public async Task A_valid_import_with_drift_shows_the_drift_and_is_stored_only_when_confirmed_with_who_and_when()
    {
        var versions = await VersionsAsync();
        await api.FundedWalletAsync("10.00"); // banks:fixture:NGN is in the ledger
        // Only Access bank's accounts keep GL 1000: banks:fixture:NGN would map to no GL code.
        var csv = SeedWith(SeedBanks, "1000,Cash at Access bank,asset,debit,banks:access:{ccy},Cash held at Access bank");

        var dryRun = await ImportAsync(csv);
        Assert.True(dryRun.Status == HttpStatusCode.OK, dryRun.ToString());
        Assert.Equal("dry-run", dryRun.Body.GetProperty("status").GetString());
        var ledger = dryRun.Body.GetProperty("ledger");
        Assert.True(ledger.GetProperty("drift").GetBoolean());
        Assert.Contains("banks:fixture:NGN", ledger.GetProperty("unmapped").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(dryRun.Body.GetProperty("changed").EnumerateArray(), c =>
            (c.GetProperty("glCode").GetString(), c.GetProperty("field").GetString(), c.GetProperty("to").GetString()) == ("1000", "address_pattern", "banks:access:{ccy}"));
        Assert.Equal(JsonValueKind.Null, dryRun.Body.GetProperty("stored").ValueKind);

        var unconfirmed = await CliImportAsync(csv);
        Assert.True(unconfirmed.ExitCode == 1, unconfirmed.Output);
        Assert.Contains("unmapped: banks:fixture:NGN", unconfirmed.Output, StringComparison.Ordinal);
        Assert.Contains("changed GL 1000 address_pattern: 'banks:{bankId}:{ccy}' -> 'banks:access:{ccy}'", unconfirmed.Output, StringComparison.Ordinal);
        Assert.Contains("Run again with --apply", unconfirmed.Output, StringComparison.Ordinal);
        var cliDryRun = await CliImportAsync(csv, "--dry-run");
        Assert.True(cliDryRun.ExitCode == 0, cliDryRun.Output);
        Assert.Contains("Dry run: nothing stored.", cliDryRun.Output, StringComparison.Ordinal);
        Assert.Equal(versions, await api.CountAsync("walletflow.coa_versions", "true"));

        var applied = await CliImportAsync(csv, "--apply");

        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.Contains($"Stored as v{versions + 1} by cli:{Environment.UserName} at ", applied.Output, StringComparison.Ordinal);
        Assert.Equal(1, await api.CountAsync("walletflow.coa_versions", "version = $1 AND published_by = $2 AND source LIKE 'walletflow coa import coa-%' AND published_at > now() - interval '5 minutes'",
            (int)versions + 1, "cli:" + Environment.UserName));
        Assert.Equal(1, await api.CountAsync("walletflow.coa_entries", "version = $1 AND gl_code = '1000' AND address_pattern = 'banks:access:{ccy}'", (int)versions + 1));

        // Over HTTP, apply=true is the confirmation: back to the seed, stored by the admin key's principal.
        var back = await ImportAsync(SeedTables.ChartOfAccounts, apply: true);
        Assert.True(back.Status == HttpStatusCode.Created, back.ToString());
        Assert.Equal(("applied", (int)versions + 2), (back.Body.GetProperty("status").GetString(), back.Body.GetProperty("stored").GetProperty("version").GetInt32()));
        Assert.Equal((int)versions + 1, back.Body.GetProperty("current").GetProperty("version").GetInt32());
        Assert.False(back.Body.GetProperty("ledger").GetProperty("drift").GetBoolean());
        var again = await ImportAsync(SeedTables.ChartOfAccounts, apply: true);
        Assert.Equal((HttpStatusCode.OK, "unchanged"), (again.Status, again.Body.GetProperty("status").GetString()));
        Assert.Equal(versions + 2, await api.CountAsync("walletflow.coa_versions", "true"));
    }

    [Fact]
    public async Task A_file_that_is_not_csv_is_415_and_a_key_without_admin_is_403()
    {
        var answer = await api.SendAsync(HttpMethod.Post, "/v1/coa/imports", """{"csv":"x"}""");
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"), (answer.Status, answer.Code));

        using var reader = TestCredentials.Client(api.Server.Addresses[0], await api.Server.NewKeyAsync(Scopes.ReportsRead));
        using var content = new StringContent(SeedTables.ChartOfAccounts, System.Text.Encoding.UTF8, "text/csv");
        using var forbidden = await reader.PostAsync("/v1/coa/imports?apply=true", content, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}
