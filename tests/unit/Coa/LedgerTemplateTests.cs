using WalletFlow.Core.Coa;
using WalletFlow.Core.Seed;
using WalletFlow.Core.Templates;

namespace WalletFlow.Tests.Unit.Coa;

public class LedgerTemplateTests
{
    [Fact]
    public void The_committed_Ledger_Template_csv_is_what_the_generator_produces()
    {
        var committed = File.ReadAllText(RepositoryPaths.Combine("seed", LedgerTemplate.FileName));

        Assert.True(committed == CoaService.GenerateLedgerTemplate(),
            $"seed/{LedgerTemplate.FileName} is stale: run 'dotnet run --project host -- coa template --out \"$PWD/seed/{LedgerTemplate.FileName}\"'.");
    }

    [Fact]
    public void Generation_is_deterministic_and_has_one_row_per_template_leg()
    {
        var first = CoaService.GenerateLedgerTemplate();
        var seed = CoaService.LoadSeed();

        Assert.Equal(first, CoaService.GenerateLedgerTemplate());
        Assert.Equal(first, LedgerTemplate.Generate(seed.Chart, seed.EventGl.Reverse()));
        var rows = Csv.Read(first);
        Assert.Equal(seed.EventGl.Count + 1, rows.Count);
        Assert.Equal(TemplateNames.All, rows.Skip(1).Select(r => r.Fields[0]).Distinct());
        Assert.DoesNotContain('\r', first);
    }
}
