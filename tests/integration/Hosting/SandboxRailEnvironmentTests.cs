using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Adapters.Payments;
using WalletFlow.Adapters.Payments.Sandbox;
using WalletFlow.Host;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>
/// The sandbox rail settles whatever it is sent: on by default for a fresh checkout, off when the
/// environment is named Production unless <c>Payments:Sandbox:Enabled</c> asks for it.
/// </summary>
public class SandboxRailEnvironmentTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private Task<WalletFlowServer> StartAsync(params string[] extra) => WalletFlowServer.StartAsync(
        ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", "--Durable:Backend=InMemory", .. extra],
        TestContext.Current.CancellationToken);

    private static async Task<bool> RailAnswersAsync(WalletFlowServer server)
    {
        if (server.Services.GetRequiredService<SandboxRailHost>().BaseUrl is not { } url)
            return false;
        using var http = new HttpClient();
        // Any HTTP answer means a rail is listening there.
        using var response = await http.GetAsync(url, TestContext.Current.CancellationToken);
        return true;
    }

    [Fact]
    public async Task In_a_named_Production_environment_the_sandbox_rail_and_provider_are_off()
    {
        await using var server = await StartAsync("--environment", "Production");

        Assert.False(await RailAnswersAsync(server));
        var registry = server.Services.GetRequiredService<PaymentProviderRegistry>();
        Assert.DoesNotContain(SandboxRailOptions.ProviderId, registry.ProviderIds);
        Assert.False(registry.Find(SandboxRailOptions.ProviderId).IsSuccess);
    }

    [Fact]
    public async Task In_Production_the_sandbox_runs_when_configuration_asks_for_it()
    {
        await using var server = await StartAsync("--environment", "Production", "--Payments:Sandbox:Enabled=true");

        Assert.True(await RailAnswersAsync(server));
        Assert.Contains(SandboxRailOptions.ProviderId, server.Services.GetRequiredService<PaymentProviderRegistry>().ProviderIds);
    }

    [Fact]
    public async Task With_no_environment_named_or_in_Development_the_sandbox_runs_and_can_be_turned_off()
    {
        await using (var unnamed = await StartAsync())
        {
            Assert.True(await RailAnswersAsync(unnamed));
            Assert.Contains(SandboxRailOptions.ProviderId, unnamed.Services.GetRequiredService<PaymentProviderRegistry>().ProviderIds);
        }
        await using (var development = await StartAsync("--environment", "Development"))
            Assert.True(await RailAnswersAsync(development));
        await using var off = await StartAsync("--Payments:Sandbox:Enabled=false");
        Assert.False(await RailAnswersAsync(off));
    }
}
