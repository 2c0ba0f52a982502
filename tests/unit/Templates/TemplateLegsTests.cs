using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Coa;
using WalletFlow.Core.Ports;
using Posting = WalletFlow.Numscript.Posting;
using WalletFlow.Core.Seed;
using WalletFlow.Core.Templates;
using WalletFlow.Numscript;
using static WalletFlow.Tests.Unit.Templates.TemplateCalls;

namespace WalletFlow.Tests.Unit.Templates;

/// <summary>
/// The templates and seed/event-gl.csv say the same thing: every posting a template makes debits
/// (its source) and credits (its destination) the GL codes of one of that template's legs, and every
/// leg is made by some call.
/// </summary>
public sealed class TemplateLegsTests
{
    private static readonly NumscriptTemplateCatalog Catalog = new();
    private static readonly ChartOfAccounts Chart = CoaCsv.ReadChart(SeedTables.ChartOfAccounts).Chart;
    private static readonly IReadOnlyList<EventGlEntry> Legs = CoaCsv.ReadEventGl(SeedTables.EventGl, Chart).Entries;

    // pay-in's principal comes from a bank or a pool: the pool variant is the second, alternative leg.
    private static readonly TemplateCall PayInFromPool = Call(TemplateNames.PayIn, ("source", Acc("pools:gps:NGN")),
        ("wallet", Acc("wallets:w1:main")), ("reserve", Acc("wallets:w1:reserve")), ("amount", Ngn(100_000)), ("fee", Ngn(0)), ("reserve_amount", Ngn(0)));

    [Fact]
    public void Event_gl_describes_exactly_the_18_templates()
    {
        Assert.Equal(TemplateNames.All.Order(StringComparer.Ordinal), Legs.Select(l => l.Template).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_posting_of_every_template_is_one_of_its_event_gl_legs_and_every_leg_is_made()
    {
        var made = new HashSet<(string Template, int Leg)>();
        foreach (var call in All.Values.Append(PayInFromPool))
        {
            foreach (var posting in Run(call))
            {
                var debit = Chart.Resolve(posting.Source).Value.GlCode;
                var credit = Chart.Resolve(posting.Destination).Value.GlCode;
                var leg = Legs.SingleOrDefault(l => l.Template == call.Template && l.DebitGl == debit && l.CreditGl == credit);
                Assert.True(leg is not null, $"{call.Template}: {posting} debits {debit} and credits {credit}, which is no leg of the template");
                made.Add((leg.Template, leg.Leg));
            }
        }

        Assert.Equal(Legs.Select(l => (l.Template, l.Leg)).Order(), made.Order());
    }

    [Fact]
    public void A_template_with_zero_optional_splits_posts_only_its_principal()
    {
        var postings = Run(PayInFromPool);

        Assert.Equal([new Posting("pools:gps:NGN", "wallets:w1:main", 100_000, "NGN/2")], postings);
    }

    [Fact]
    public void An_fx_conversion_with_zero_spread_and_zero_rounding_posts_no_zero_legs()
    {
        // No market rate: the position pays the customer the market value, nothing else (a zero send posts nothing).
        var call = Call(TemplateNames.FxConversion, ("from", Acc("wallets:w1:main")), ("to", Acc("wallets:w1usd:main")),
            ("position", Acc("fx:NGN-USD")), ("sold", Ngn(150_000)), ("bought", Usd(99)), ("spread", Usd(0)), ("rounding", Usd(0)), ("rate", Text("0.00066")));

        var postings = Run(call);

        Assert.Equal([new Posting("wallets:w1:main", "fx:NGN-USD", 150_000, "NGN/2"), new Posting("fx:NGN-USD", "wallets:w1usd:main", 99, "USD/2")], postings);
    }

    private static IReadOnlyList<Posting> Run(TemplateCall call)
    {
        var filled = Catalog.Fill(call).Value;
        var store = new InMemoryAccountStore();
        // Plenty everywhere, so only the legs are under test here (overdrafts are the integration tests').
        foreach (var account in call.Vars.Values.OfType<TemplateVar.Account>())
            foreach (var asset in new[] { "NGN/2", "USD/2", "USDT/6" })
                store.SetBalance(account.Address.Value, asset, 1_000_000_000_000);
        var result = NumscriptInterpreter.Run(Catalog[call.Template].Script, filled.Vars, store);
        Assert.True(result.IsSuccess, $"{call.Template}: {result.Error}");
        Assert.Equal(call.Template, result.TransactionMetadata["template"]);
        return result.Postings;
    }
}
