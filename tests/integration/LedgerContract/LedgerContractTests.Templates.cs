using System.Numerics;
using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;

namespace WalletFlow.Tests.Integration.LedgerContract;

public abstract partial class LedgerContractTests
{
    // ---- each of the 18 templates through the port ----

    public static TheoryData<string> TemplateNamesData => new(TemplateNames.All);

    /// <summary>
    /// Each template, filled by the catalog, posted through the ledger port (as the use cases post):
    /// the steps it needs first, then itself. Every step must answer exactly its postings, and
    /// afterwards every account of the ledger must hold exactly what those postings add up to, with
    /// each asset summing to zero.
    /// </summary>
    [Theory]
    [MemberData(nameof(TemplateNamesData))]
    public async Task Each_template_posts_through_the_port_its_exact_postings_and_balances(string template)
    {
        var ledger = await NewLedgerAsync();
        var port = Driver.Port(ledger);
        var @case = TemplateContractCases.All[template];
        var expected = new Dictionary<(string Account, string Asset), BigInteger>();

        foreach (var (step, index) in @case.Setup.Append(@case.Subject).Select((s, i) => (s, i)))
        {
            var filled = new NumscriptTemplateCatalog().Fill(new TemplateCall(step.Template, step.Vars.ToDictionary(v => v.Name, v => v.Value)));
            Assert.True(filled.IsSuccess, $"{step.Template}: {filled}");

            var posted = await port.PostAsync(new LedgerRequest(filled.Value, $"{template}-{index}", $"{template}-{index}", Meta("step", step.Template)), Ct);

            Assert.True(posted.IsSuccess, $"{Driver.Target}, {step.Template}: {posted}");
            Assert.Equal(step.Postings.Select(p => (p.Source, p.Destination, new BigInteger(p.Amount), p.Asset)),
                posted.Value.Postings.Select(p => (p.Source.Value, p.Destination.Value, p.Amount, p.Asset)));
            Assert.Equal(step.Template, posted.Value.Metadata["template"]);
            foreach (var (source, destination, amount, asset) in step.Postings)
            {
                expected[(source, asset)] = expected.GetValueOrDefault((source, asset)) - amount;
                expected[(destination, asset)] = expected.GetValueOrDefault((destination, asset)) + amount;
            }
        }

        var balances = (await ListAsync(port.ListBalancesAsync("", Ct)))
            .Where(b => !b.Balance.IsZero).ToDictionary(b => (b.Address.Value, b.Asset), b => b.Balance);
        Assert.Equal(expected.Where(e => !e.Value.IsZero).OrderBy(e => e.Key), balances.OrderBy(b => b.Key));
        Assert.All(balances.GroupBy(b => b.Key.Asset),
            asset => Assert.Equal(BigInteger.Zero, asset.Aggregate(BigInteger.Zero, (sum, b) => sum + b.Value)));
    }

    [Fact]
    public void The_template_cases_cover_the_18_templates_once_each()
    {
        Assert.Equal(TemplateNames.All.Order(StringComparer.Ordinal), TemplateContractCases.All.Keys.Order(StringComparer.Ordinal));
        Assert.All(TemplateContractCases.All, c => Assert.Equal(c.Key, c.Value.Subject.Template));
    }
}
