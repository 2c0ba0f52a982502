using WalletFlow.Core.Coa;
using WalletFlow.Core.Ports;

namespace WalletFlow.Tests.Unit.Coa;

public class CoaServiceTests
{
    [Fact]
    public async Task The_chart_in_the_database_is_compared_with_the_seed()
    {
        var seed = CoaService.LoadSeed();
        var stored = new ChartOfAccounts(seed.Chart.Entries.Where(e => e.GlCode != "4100"));
        var service = new CoaService(new StoredCatalog(new CoaSnapshot(3, DateTimeOffset.UnixEpoch, "test", "tester", stored, seed.EventGl)));

        var drift = await service.CompareDatabaseWithSeedAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(drift);
        Assert.Equal(["4100"], drift.MissingFromDatabase);
    }

    [Fact]
    public async Task Nothing_to_compare_before_the_first_ingest()
    {
        var service = new CoaService(new StoredCatalog(null));

        Assert.Null(await service.CompareDatabaseWithSeedAsync(TestContext.Current.CancellationToken));
    }

    private sealed class StoredCatalog(CoaSnapshot? current) : ICoaCatalog
    {
        public Task<CoaSnapshot?> GetCurrentAsync(CancellationToken cancellationToken) => Task.FromResult(current);

        public Task<CoaSnapshot> PublishAsync(ChartOfAccounts chart, IReadOnlyList<EventGlEntry> eventGl, string source, string publishedBy, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
