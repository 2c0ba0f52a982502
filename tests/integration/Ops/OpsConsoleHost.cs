using Microsoft.Playwright;
using WalletFlow.Core.Identity;
using WalletFlow.Tests.Integration.Infrastructure;
using WalletFlow.Tests.Integration.Payouts;

namespace WalletFlow.Tests.Integration.Ops;

/// <summary>
/// One walletflow host (the payout test host: Kestrel on loopback, the sandbox rail, the durable worker,
/// a fresh database) with an operator of each role, and one headless Debian chromium driven by
/// Playwright, shared by a test class. Each test opens its own browser context (its own cookies).
/// </summary>
public sealed class OpsConsoleHost(PostgresServer postgres) : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public const string Admin = "ops-admin";
    public const string Operator = "ops-operator";
    public const string Approver = "ops-approver";
    public const string Viewer = "ops-viewer";

    /// <summary>Where the screenshots go: <c>tests/integration/bin/&lt;configuration&gt;/net10.0/artifacts/ops</c>.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "ops");

    public PayoutHost Host { get; } = new(postgres);

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright _playwright = null!;

    public Uri BaseUrl => Host.Server.Addresses[0];

    public async ValueTask InitializeAsync()
    {
        await Host.InitializeAsync();
        foreach (var (name, role) in new[] { (Admin, "admin"), (Operator, "operator"), (Approver, "approver"), (Viewer, "viewer") })
        {
            var added = await Host.Get<AddOperator>().RunAsync(name, role, Password, CancellationToken.None);
            Assert.True(added.IsSuccess, added.ToString());
        }
        Directory.CreateDirectory(ArtifactsDirectory);
        _playwright = await Playwright.CreateAsync();
        // Debian's chromium: Playwright's own browser download cannot run here.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A new browser context on the host (no cookies), with or without JavaScript.</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString().TrimEnd('/'),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="name"/> through the sign-in form, on the console's home.</summary>
    public async Task<IPage> SignInAsync(string name, bool javaScript = true)
    {
        var page = await NewPageAsync(javaScript);
        await page.GotoAsync("/ops/sign-in");
        await page.FillAsync("input[name=name]", name);
        await page.FillAsync("input[name=password]", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/ops", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ArtifactsDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.SendDiagnosticMessage($"ops screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}
