using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Ports;
using WalletFlow.Tests.Integration.Ledger;

namespace WalletFlow.Tests.Integration.LedgerContract;

/// <summary>Target (1): the embedded ledger, in-process.</summary>
public sealed class EmbeddedLedgerContractTests(LedgerFixture fixture) : LedgerContractTests, IClassFixture<LedgerFixture>
{
    protected override ILedgerDriver Driver { get; } = new EmbeddedLedgerDriver(fixture.Ledger);

    [Fact]
    public async Task The_embedded_port_creates_its_ledger_on_first_use()
    {
        var name = "p" + Guid.NewGuid().ToString("N")[..12];
        var port = new EmbeddedLedgerPort(fixture.Ledger, Options.Create(new LedgerOptions { Name = name }));
        Assert.Equal(LedgerErrorCodes.LedgerNotFound, (await fixture.Ledger.GetLedgerAsync(name, Ct)).Error?.Code);

        var posted = await port.PostAsync(new LedgerRequest(
            new TemplateScript("fund", "send [NGN/2 100] (source = @world destination = @wallets:w1:main)", new Dictionary<string, string>()),
            "first-use", "first-use", new Dictionary<string, string>()), Ct);

        Assert.True(posted.IsSuccess, posted.ToString());
        Assert.True((await fixture.Ledger.GetLedgerAsync(name, Ct)).Succeeded);
        Assert.Equal(0, posted.Value.Id);
    }

    [Fact]
    public async Task Registered_by_AddWalletFlowLedger_the_embedded_port_posts_on_Ledger_Name()
    {
        var name = "d" + Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:Name"] = name }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton(fixture.Database.DataSource)
            .AddWalletFlowLedger(configuration).BuildServiceProvider();
        var port = services.GetRequiredService<ILedger>();

        var posted = await port.PostAsync(new LedgerRequest(
            new TemplateScript("fund", "send [NGN/2 100] (source = @world destination = @wallets:w1:main)", new Dictionary<string, string>()),
            "di-key", "di-ref", new Dictionary<string, string>()), Ct);

        Assert.True(posted.IsSuccess, posted.ToString());
        Assert.True((await fixture.Ledger.GetLedgerAsync(name, Ct)).Succeeded);
        Assert.Equal(100, Assert.Single(await port.GetBalancesAsync(new AccountAddress("wallets:w1:main"), Ct)).Balance);
    }
}
