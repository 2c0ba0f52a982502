using System.Globalization;
using Microsoft.Playwright;
using Npgsql;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Payins;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;
using WalletFlow.Core.Wallets;
using WalletFlow.Tests.Integration.UseCases;

namespace WalletFlow.Tests.Integration.Ops;

/// <summary>
/// The /ops console through a real browser (Debian's chromium driven by Playwright) against the real
/// host: every command once, with its card checked against the ledger; a double submit; a rejection;
/// a payout's timeline from the durable store; who may do what. Screenshots land in
/// <see cref="OpsConsoleHost.ArtifactsDirectory"/>.
/// </summary>
public sealed class OpsConsoleTests(OpsConsoleHost ops) : IClassFixture<OpsConsoleHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private T Get<T>() where T : notnull => ops.Host.Get<T>();

    /// <summary>Opens a command's form, fills it, sends it and returns the card the answer shows.</summary>
    private static async Task<ILocator> RunAsync(IPage page, string slug, IReadOnlyDictionary<string, string> fields, string query = "")
    {
        await page.GotoAsync($"/ops/commands/{slug}{query}");
        await FillAsync(page, fields);
        await page.ClickAsync("form.command button[type=submit]");
        var card = page.Locator($"#result-{slug} [data-outcome]");
        await card.WaitForAsync();
        return card;
    }

    private static async Task FillAsync(IPage page, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
        {
            var input = page.Locator($"form.command [name='{name}']");
            if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT")
                await input.SelectOptionAsync(value);
            else
                await input.FillAsync(value);
        }
    }

    /// <summary>The card is a success and names a ledger transaction the ledger holds; returns it.</summary>
    private async Task<LedgerTransaction> PostedAsync(ILocator card)
    {
        Assert.Equal("success", await card.GetAttributeAsync("data-outcome"));
        var text = await card.Locator("[data-testid=txid]").First.InnerTextAsync();
        var transaction = await Get<ILedger>().FindTransactionAsync(long.Parse(text.TrimStart('#'), CultureInfo.InvariantCulture), Ct);
        Assert.NotNull(transaction);
        Assert.NotEmpty(transaction.Postings);
        // The card shows the balances of the accounts the postings touched.
        foreach (var posting in transaction.Postings)
            Assert.Contains(posting.Destination.Value, await card.InnerTextAsync(), StringComparison.Ordinal);
        return transaction;
    }

    private static async Task<string> MintedAsync(IPage page, string field) => await page.InputValueAsync($"form.command [name='{field}']");

    private async Task<WalletBalances> BalancesAsync(string walletId) => (await Get<WalletBalancesQuery>().RunAsync(walletId, Ct)).Value.Balances;

    private async Task<string> OpenWalletAsync(IPage page, string owner, string currency)
    {
        await page.GotoAsync("/ops/commands/open-wallet");
        var walletId = await MintedAsync(page, "walletId");
        var card = await RunAsync(page, "open-wallet", new Dictionary<string, string> { ["ownerId"] = owner, ["currency"] = currency }, "?walletId=" + walletId);
        Assert.Equal("success", await card.GetAttributeAsync("data-outcome"));
        Assert.NotNull(await Get<IWalletStore>().FindAsync(walletId, Ct));
        return walletId;
    }

    private async Task<Payout> WaitForPayoutAsync(string payoutId, params PayoutStatus[] statuses)
    {
        while (true)
        {
            var payout = await Get<IPayoutStore>().FindAsync(payoutId, Ct);
            if (payout is not null && statuses.Contains(payout.Status))
                return payout;
            await Task.Delay(200, Ct);
        }
    }

    [Fact]
    public async Task An_unauthenticated_visit_is_sent_to_sign_in_and_a_wrong_password_is_refused()
    {
        var page = await ops.NewPageAsync();
        var response = await page.GotoAsync("/ops/wallets");
        Assert.Contains("/ops/sign-in?returnUrl=%2Fops%2Fwallets", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, response!.Status);
        await page.FillAsync("input[name=name]", OpsConsoleHost.Operator);
        await page.FillAsync("input[name=password]", "not the password at all");
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(401, refused.Status);
        Assert.Equal(SignInRefusedText, await page.InnerTextAsync("[role=alert]"));

        // The right password then lands where the operator was going; signing out ends the session.
        await page.FillAsync("input[name=password]", OpsConsoleHost.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/ops/wallets", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.ClickAsync("form.who button");
        await page.WaitForURLAsync(url => url.Contains("/ops/sign-in", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GotoAsync("/ops/wallets");
        Assert.Contains("/ops/sign-in", page.Url, StringComparison.Ordinal);
    }

    private static string SignInRefusedText => WalletFlow.Core.Identity.SignInOperator.Refused;

    [Fact]
    public async Task Every_command_runs_once_through_the_browser_and_its_card_matches_the_ledger()
    {
        var admin = await ops.SignInAsync(OpsConsoleHost.Admin);

        await PostedAsync(await RunAsync(admin, "bank-funding", new Dictionary<string, string> { ["bankId"] = "gtb", ["amount"] = "10000.00", ["currency"] = "NGN" }));

        var a = await OpenWalletAsync(admin, "owner-ops", "NGN");
        var b = await OpenWalletAsync(admin, "owner-ops", "NGN");
        var usd = await OpenWalletAsync(admin, "owner-ops", "USD");
        var usdt = await OpenWalletAsync(admin, "owner-ops", "USDT");

        await PostedAsync(await RunAsync(admin, "pay-in", new Dictionary<string, string>
        {
            ["walletId"] = a, ["amount"] = "1000.00", ["currency"] = "NGN", ["source"] = "banks:gtb", ["externalRef"] = UseCaseFixture.NewId("stmt"),
        }));
        Assert.Equal(100_000, (await BalancesAsync(a)).Available.MinorUnits);

        await PostedAsync(await RunAsync(admin, "transfer", new Dictionary<string, string> { ["fromWalletId"] = a, ["toWalletId"] = b, ["amount"] = "100.00", ["currency"] = "NGN" }));
        Assert.Equal(90_000, (await BalancesAsync(a)).Available.MinorUnits);
        Assert.Equal(10_000, (await BalancesAsync(b)).Available.MinorUnits);

        await admin.GotoAsync("/ops/commands/place-hold");
        var hold = await MintedAsync(admin, "holdId");
        await PostedAsync(await RunAsync(admin, "place-hold", new Dictionary<string, string> { ["walletId"] = a, ["amount"] = "50.00", ["currency"] = "NGN" }, "?holdId=" + hold));
        Assert.Equal(5_000, (await BalancesAsync(a)).Held.MinorUnits);
        await PostedAsync(await RunAsync(admin, "settle-hold", new Dictionary<string, string> { ["holdId"] = hold, ["counterpartyId"] = "acme" }));
        Assert.Equal(0, (await BalancesAsync(a)).Held.MinorUnits);

        await admin.GotoAsync("/ops/commands/place-hold");
        var hold2 = await MintedAsync(admin, "holdId");
        await PostedAsync(await RunAsync(admin, "place-hold", new Dictionary<string, string> { ["walletId"] = a, ["amount"] = "20.00", ["currency"] = "NGN" }, "?holdId=" + hold2));
        await PostedAsync(await RunAsync(admin, "release-hold", new Dictionary<string, string> { ["holdId"] = hold2 }));
        Assert.Equal(85_000, (await BalancesAsync(a)).Available.MinorUnits);

        await PostedAsync(await RunAsync(admin, "fx-conversion", new Dictionary<string, string>
        {
            ["fromWalletId"] = a, ["toWalletId"] = usd, ["sellAmount"] = "100.00", ["sellCurrency"] = "NGN", ["buyCurrency"] = "USD", ["rate"] = "0.0007",
        }));
        Assert.Equal(75_000, (await BalancesAsync(a)).Available.MinorUnits);
        Assert.Equal(7, (await BalancesAsync(usd)).Available.MinorUnits);

        await PostedAsync(await RunAsync(admin, "pool-funding", new Dictionary<string, string> { ["providerId"] = "sandbox", ["bankId"] = "gtb", ["amount"] = "500.00", ["currency"] = "NGN" }));
        await PostedAsync(await RunAsync(admin, "pool-transfer", new Dictionary<string, string>
        {
            ["providerId"] = "sandbox", ["sellAmount"] = "100.00", ["sellCurrency"] = "NGN", ["buyCurrency"] = "USD", ["rate"] = "0.0007",
        }));

        await PostedAsync(await RunAsync(admin, "stablecoin-mint", new Dictionary<string, string> { ["walletId"] = usdt, ["network"] = "ethereum", ["amount"] = "25.00", ["currency"] = "USDT" }));
        await PostedAsync(await RunAsync(admin, "stablecoin-burn", new Dictionary<string, string> { ["walletId"] = usdt, ["network"] = "ethereum", ["amount"] = "5.00", ["currency"] = "USDT" }));
        Assert.Equal(20_000_000, (await BalancesAsync(usdt)).Available.MinorUnits);

        await PostedAsync(await RunAsync(admin, "counterparty-settlement", new Dictionary<string, string> { ["counterpartyId"] = "acme", ["bankId"] = "gtb", ["amount"] = "50.00", ["currency"] = "NGN" }));

        // A rolling reserve that matures at once: 10% of a pay-in, released by the console's command.
        var reserved = await OpenWalletAsync(admin, "owner-reserve", "NGN");
        Assert.True((await Get<SetReservePolicy>().RunAsync(new SetReservePolicyRequest("owner-reserve", 1000, 0), "tests", Ct)).IsSuccess);
        Assert.True((await Get<PayIn>().RunAsync(new PayInRequest(UseCaseFixture.Key(), reserved, "100.00", "NGN", "banks:gtb", UseCaseFixture.NewId("ext")), Ct)).IsSuccess);
        Assert.Equal(1_000, (await BalancesAsync(reserved)).Reserve.MinorUnits);
        await PostedAsync(await RunAsync(admin, "reserve-release", new Dictionary<string, string> { ["walletId"] = reserved }));
        Assert.Equal(0, (await BalancesAsync(reserved)).Reserve.MinorUnits);
        Assert.Equal(10_000, (await BalancesAsync(reserved)).Available.MinorUnits);

        // A payout the sandbox settles at once (account number ending in 1).
        await admin.GotoAsync("/ops/commands/start-payout");
        var payoutId = await MintedAsync(admin, "payoutId");
        var started = await RunAsync(admin, "start-payout", Payout(a, "10.00", '1'), "?payoutId=" + payoutId);
        Assert.Equal("success", await started.GetAttributeAsync("data-outcome"));
        Assert.Equal(PayoutStatus.Settled, (await WaitForPayoutAsync(payoutId, PayoutStatus.Settled, PayoutStatus.Released, PayoutStatus.Rejected)).Status);

        // A payout the sandbox never answers (5) ends in manual review; the approver settles it with evidence.
        await admin.GotoAsync("/ops/commands/start-payout");
        var ambiguous = await MintedAsync(admin, "payoutId");
        await RunAsync(admin, "start-payout", Payout(a, "10.00", '5'), "?payoutId=" + ambiguous);
        await WaitForPayoutAsync(ambiguous, PayoutStatus.ManualReview);
        var approver = await ops.SignInAsync(OpsConsoleHost.Approver);
        await approver.GotoAsync("/ops/review");
        await OpsConsoleHost.ScreenshotAsync(approver, "manual-review-queue");
        Assert.Contains(ambiguous, await approver.InnerTextAsync("main"), StringComparison.Ordinal);
        var resolved = await RunAsync(approver, "resolve-payout", new Dictionary<string, string> { ["outcome"] = "settle", ["evidence"] = "provider statement line 77" },
            "?payoutId=" + ambiguous);
        Assert.Equal("success", await resolved.GetAttributeAsync("data-outcome"));
        Assert.Equal(PayoutStatus.Settled, (await WaitForPayoutAsync(ambiguous, PayoutStatus.Settled, PayoutStatus.Released)).Status);

        // Maker and checker: the operator asks, the approver approves, the workflow posts once.
        var maker = await ops.SignInAsync(OpsConsoleHost.Operator);
        var requested = await RunAsync(maker, "request-correction", new Dictionary<string, string>
        {
            ["walletId"] = b, ["currency"] = "NGN", ["credit"] = "2.50", ["reason"] = "fee charged twice", ["evidence"] = "ticket OPS-42",
        });
        Assert.Equal("success", await requested.GetAttributeAsync("data-outcome"));
        var correction = (await Get<ICorrectionStore>().ListAsync(CorrectionStatus.PendingApproval, 10, Ct)).Single(c => c.WalletId == b);
        Assert.Equal("operator:" + OpsConsoleHost.Operator, correction.RequestedBy);
        var decided = await RunAsync(approver, "decide-correction", new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = "statement checked" },
            "?correctionId=" + correction.CorrectionId);
        Assert.Equal("success", await decided.GetAttributeAsync("data-outcome"));
        while ((await Get<ICorrectionStore>().FindAsync(correction.CorrectionId, Ct))!.Status != CorrectionStatus.Posted)
            await Task.Delay(200, Ct);
        Assert.Equal(10_250, (await BalancesAsync(b)).Available.MinorUnits);

        // Gates, the flag and the acknowledgement that lifts it.
        var gates = await RunAsync(admin, "run-gates", new Dictionary<string, string>());
        Assert.Equal("success", await gates.GetAttributeAsync("data-outcome"));
        await RunAsync(admin, "set-flag", new Dictionary<string, string> { ["name"] = FeatureFlagNames.PayoutsPaused, ["enabled"] = "on", ["reason"] = "drill" });
        Assert.True((await Get<IFeatureFlags>().GetAsync(FeatureFlagNames.PayoutsPaused, Ct)).Enabled);
        await RunAsync(admin, "acknowledge-gates", new Dictionary<string, string> { ["reason"] = "drill over" });
        var flag = await Get<IFeatureFlags>().GetAsync(FeatureFlagNames.PayoutsPaused, Ct);
        Assert.False(flag.Enabled);
        Assert.Equal("operator:" + OpsConsoleHost.Admin, flag.UpdatedBy);

        // Every attempt is audited with the operator and the form's key.
        var audit = await Get<IAuditLog>().RecentAsync(500, Ct);
        Assert.Contains(audit, e => e.Actor == "operator:" + OpsConsoleHost.Admin && e.Endpoint == "Ops.pay-in" && e.IdempotencyKey is { Length: > 0 } && e.Status == 200);
        Assert.Contains(audit, e => e.Actor == "operator:" + OpsConsoleHost.Approver && e.Endpoint == "Ops.resolve-payout");

        await admin.GotoAsync("/ops/wallets?q=" + a);
        await OpsConsoleHost.ScreenshotAsync(admin, "wallets");
        await admin.GotoAsync("/ops/wallets/" + a);
        await OpsConsoleHost.ScreenshotAsync(admin, "wallet-statement");
        await admin.GotoAsync("/ops/reports/trial-balance");
        Assert.Contains("Every book foots", await admin.InnerTextAsync("main"), StringComparison.Ordinal);
        await OpsConsoleHost.ScreenshotAsync(admin, "trial-balance");
        await admin.GotoAsync("/ops/reports/alm");
        Assert.Equal(await admin.Locator("svg.alm").CountAsync(), await admin.Locator("section.card h2").CountAsync());
        await OpsConsoleHost.ScreenshotAsync(admin, "alm");
    }

    private static Dictionary<string, string> Payout(string walletId, string amount, char digit) => new()
    {
        ["walletId"] = walletId, ["amount"] = amount, ["currency"] = "NGN", ["providerId"] = "sandbox",
        ["beneficiary.name"] = "Ada Obi", ["beneficiary.accountNumber"] = "012345678" + digit, ["beneficiary.bankCode"] = "058",
    };

    [Fact]
    public async Task A_double_submitted_form_without_javascript_is_one_movement()
    {
        var wallet = (await ops.Host.FundedWalletAsync("100.00")).WalletId;
        var page = await ops.SignInAsync(OpsConsoleHost.Operator, javaScript: false);
        await page.GotoAsync("/ops/commands/transfer?fromWalletId=" + wallet);
        var target = (await ops.Host.FundedWalletAsync("0.01")).WalletId;
        await FillAsync(page, new Dictionary<string, string> { ["toWalletId"] = target, ["amount"] = "30.00", ["currency"] = "NGN" });
        // Two real posts of the same form (no script to stop the second), then a browser replay of the last one.
        await page.DblClickAsync("form.command button[type=submit]");
        await page.Locator("[data-outcome]").WaitForAsync();
        Assert.Equal("success", await page.GetAttributeAsync("[data-outcome]", "data-outcome"));
        await page.ReloadAsync();
        Assert.Equal("success", await page.GetAttributeAsync("[data-outcome]", "data-outcome"));

        Assert.Equal(7_000, (await BalancesAsync(wallet)).Available.MinorUnits);
        Assert.Equal(3_001, (await BalancesAsync(target)).Available.MinorUnits);
        var statement = (await Get<WalletTransactionsQuery>().RunAsync(target, null, null, Ct)).Value;
        Assert.Equal(2, statement.Transactions.Count); // its funding pay-in and one transfer
    }

    [Fact]
    public async Task A_double_click_with_htmx_is_one_movement()
    {
        var wallet = (await ops.Host.FundedWalletAsync("100.00")).WalletId;
        var page = await ops.SignInAsync(OpsConsoleHost.Operator);
        await page.GotoAsync("/ops/commands/pay-in?walletId=" + wallet);
        await FillAsync(page, new Dictionary<string, string> { ["amount"] = "5.00", ["currency"] = "NGN", ["source"] = "banks:gtb", ["externalRef"] = UseCaseFixture.NewId("x") });
        await page.DblClickAsync("form.command button[type=submit]");
        await page.Locator("#result-pay-in [data-outcome]").WaitForAsync();
        await page.ClickAsync("form.command button[type=submit]"); // and a third time, once the button is back
        await page.Locator("#result-pay-in [data-outcome=success]").WaitForAsync();
        Assert.Equal(10_500, (await BalancesAsync(wallet)).Available.MinorUnits);
    }

    [Fact]
    public async Task A_rejection_shows_the_use_cases_exact_reason_and_writes_nothing()
    {
        var from = (await ops.Host.FundedWalletAsync("20.00")).WalletId;
        var to = (await ops.Host.FundedWalletAsync("1.00")).WalletId;
        var before = (await Get<WalletTransactionsQuery>().RunAsync(from, null, null, Ct)).Value.Transactions.Count;
        var page = await ops.SignInAsync(OpsConsoleHost.Operator);
        var card = await RunAsync(page, "transfer", new Dictionary<string, string> { ["fromWalletId"] = from, ["toWalletId"] = to, ["amount"] = "25.00", ["currency"] = "NGN" });

        Assert.Equal("rejected", await card.GetAttributeAsync("data-outcome"));
        var expected = new InsufficientFunds($"wallets:{from}:main", "NGN/2", 2_500, 2_000).Message;
        Assert.Equal(expected, await card.Locator("[data-testid=reason]").InnerTextAsync());
        Assert.Equal(2_000, (await BalancesAsync(from)).Available.MinorUnits);
        Assert.Equal(100, (await BalancesAsync(to)).Available.MinorUnits);
        Assert.Equal(before, (await Get<WalletTransactionsQuery>().RunAsync(from, null, null, Ct)).Value.Transactions.Count);
    }

    [Fact]
    public async Task A_payouts_timeline_shows_hold_submit_each_requery_with_its_timer_and_settle()
    {
        var wallet = (await ops.Host.FundedWalletAsync("300.00")).WalletId;
        var page = await ops.SignInAsync(OpsConsoleHost.Operator);
        await page.GotoAsync("/ops/commands/start-payout");
        var payoutId = await MintedAsync(page, "payoutId");
        // Account number ending in 3: pending on submit, settled on the second requery.
        await RunAsync(page, "start-payout", Payout(wallet, "120.00", '3'), "?payoutId=" + payoutId);
        Assert.Equal(PayoutStatus.Settled, (await WaitForPayoutAsync(payoutId, PayoutStatus.Settled, PayoutStatus.Released, PayoutStatus.ManualReview)).Status);
        // The saga writes its last history after the settle step: wait for the store to hold its end.
        while (!(await page.GotoAsync("/ops/payouts/" + payoutId) is { } _ && (await page.InnerTextAsync("[data-testid=timeline]")).Contains("Saga finished", StringComparison.Ordinal)))
            await Task.Delay(200, Ct);

        var lines = await page.Locator("[data-testid=timeline] li").AllInnerTextsAsync();
        int At(string what) => lines.ToList().FindIndex(l => l.Contains(what, StringComparison.Ordinal));
        Assert.True(At("Hold completed") >= 0, string.Join("\n", lines));
        Assert.True(At("Submit completed") > At("Hold completed"), string.Join("\n", lines));
        Assert.True(At("Requery 1 completed") > At("Submit completed"), string.Join("\n", lines));
        Assert.True(At("Requery 2 completed") > At("Requery 1 completed"), string.Join("\n", lines));
        Assert.True(At("Settle completed") > At("Requery 2 completed"), string.Join("\n", lines));
        // Each requery waited on a durable timer, set (with its due time) and fired before it.
        foreach (var requery in new[] { "Requery 1 scheduled", "Requery 2 scheduled" })
        {
            var index = At(requery);
            Assert.Contains(lines.Take(index), l => l.Contains("Timer fired", StringComparison.Ordinal));
        }
        Assert.True(lines.Count(l => l.Contains("Timer set", StringComparison.Ordinal) && l.Contains("due ", StringComparison.Ordinal)) >= 2, string.Join("\n", lines));
        await OpsConsoleHost.ScreenshotAsync(page, "payout-timeline");
    }

    [Fact]
    public async Task A_viewer_sees_the_screens_and_is_refused_a_command_with_a_403_page()
    {
        var wallet = (await ops.Host.FundedWalletAsync("10.00")).WalletId;
        var page = await ops.SignInAsync(OpsConsoleHost.Viewer, javaScript: false);
        var screen = await page.GotoAsync("/ops/wallets/" + wallet);
        Assert.Equal(200, screen!.Status);
        await page.GotoAsync("/ops/commands/pay-in?walletId=" + wallet);
        Assert.Contains("Your role cannot run this command", await page.InnerTextAsync("form.command"), StringComparison.Ordinal);
        await FillAsync(page, new Dictionary<string, string> { ["amount"] = "5.00", ["currency"] = "NGN", ["source"] = "banks:gtb", ["externalRef"] = "viewer-try" });
        var refused = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form.command button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(403, refused.Status);
        Assert.Contains("Your role (viewer) may not do this", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(1_000, (await BalancesAsync(wallet)).Available.MinorUnits);
        var audit = await Get<IAuditLog>().RecentAsync(200, Ct);
        Assert.Contains(audit, e => e.Actor == "operator:" + OpsConsoleHost.Viewer && e.Status == 403 && e.Outcome == "forbidden" && e.Path == "/ops/commands/pay-in");
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_writes_nothing()
    {
        var wallet = (await ops.Host.FundedWalletAsync("10.00")).WalletId;
        var page = await ops.SignInAsync(OpsConsoleHost.Operator);
        await page.GotoAsync("/ops/commands/pay-in?walletId=" + wallet);
        // The operator's own session (its cookies, its browser) posts every field of the form but the token,
        // as a page on another site that knows the form's shape would.
        var fields = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["idempotencyKey"] = await page.InputValueAsync("input[name=idempotencyKey]"), ["walletId"] = wallet, ["amount"] = "5.00",
            ["currency"] = "NGN", ["source"] = "banks:gtb", ["externalRef"] = "forged",
        })
            fields.Set(name, value);
        var forged = await page.Context.APIRequest.PostAsync("/ops/commands/pay-in", new APIRequestContextOptions { Form = fields });
        Assert.Equal(400, forged.Status);
        Assert.Contains("anti-forgery token is missing", await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1_000, (await BalancesAsync(wallet)).Available.MinorUnits);

        // The same fields with the form's token go through: the refusal was the token's.
        fields.Set("__RequestVerificationToken", await page.InputValueAsync("form.command input[name=__RequestVerificationToken]"));
        var sent = await page.Context.APIRequest.PostAsync("/ops/commands/pay-in", new APIRequestContextOptions { Form = fields });
        Assert.Equal(200, sent.Status);
        Assert.Equal(1_500, (await BalancesAsync(wallet)).Available.MinorUnits);
    }

    [Fact]
    public async Task The_gates_screen_names_the_offending_accounts_of_a_failed_run()
    {
        var wallet = (await ops.Host.FundedWalletAsync("10.00")).WalletId;
        await using (var drift = ops.Host.Db.CreateCommand("UPDATE walletflow.statement_balances SET balance = balance + 1 WHERE wallet_id = $1"))
        {
            drift.Parameters.Add(new NpgsqlParameter { Value = wallet });
            Assert.Equal(1, await drift.ExecuteNonQueryAsync(Ct));
        }
        try
        {
            var page = await ops.SignInAsync(OpsConsoleHost.Operator);
            var card = await RunAsync(page, "run-gates", new Dictionary<string, string>());
            Assert.Contains("A gate failed", await card.InnerTextAsync(), StringComparison.Ordinal);
            await page.GotoAsync("/ops/gates");
            var latest = await page.InnerTextAsync("[data-testid=latest-run]");
            Assert.Contains("FAILED", latest, StringComparison.Ordinal);
            Assert.Contains(wallet, latest, StringComparison.Ordinal);
            await OpsConsoleHost.ScreenshotAsync(page, "gates-with-a-failure");
        }
        finally
        {
            await using var repair = ops.Host.Db.CreateCommand("UPDATE walletflow.statement_balances SET balance = balance - 1 WHERE wallet_id = $1");
            repair.Parameters.Add(new NpgsqlParameter { Value = wallet });
            await repair.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_viewer_reads_every_screen_at_its_own_address()
    {
        var wallet = (await ops.Host.FundedWalletAsync("40.00")).WalletId;
        var placed = await Get<WalletFlow.Core.Holds.PlaceHold>().RunAsync(
            new WalletFlow.Core.Holds.PlaceHoldRequest(UseCaseFixture.Key(), wallet, "15.00", "NGN", UseCaseFixture.NewId("h")), Ct);
        Assert.True(placed.IsSuccess, placed.ToString());
        var holdId = placed.Value.Attributes["holdId"];
        var page = await ops.SignInAsync(OpsConsoleHost.Viewer);
        var screens = new Dictionary<string, string>
        {
            ["/ops"] = "Payouts",
            ["/ops/wallets?q=" + wallet] = wallet,
            ["/ops/wallets/" + wallet] = "15.00 NGN",
            ["/ops/transactions?account=wallets:" + wallet] = "hold-place",
            ["/ops/holds"] = holdId,
            ["/ops/payouts"] = "Payouts in flight",
            ["/ops/review"] = "Manual-review queue",
            ["/ops/corrections"] = "Corrections",
            ["/ops/gates"] = "Reconciliation gates",
            ["/ops/flags"] = FeatureFlagNames.PayoutsPaused,
            ["/ops/coa"] = "matches the seed",
            ["/ops/cutovers"] = "Find a cutover",
            ["/ops/reports/trial-balance"] = "Every book foots",
            ["/ops/reports/alm"] = "customer liabilities",
            ["/ops/audit"] = "The newest 200 entries",
        };
        foreach (var (address, text) in screens)
        {
            var response = await page.GotoAsync(address);
            Assert.True(response!.Status == 200, $"{address}: {response.Status}");
            Assert.Contains(text, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        }
        Assert.Equal(404, (await page.GotoAsync("/ops/cutovers/no-such-cutover"))!.Status);
    }
}
