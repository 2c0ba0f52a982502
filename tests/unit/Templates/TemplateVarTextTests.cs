using WalletFlow.Adapters.Templates;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using static WalletFlow.Tests.Unit.Templates.TemplateCalls;

namespace WalletFlow.Tests.Unit.Templates;

public sealed class TemplateVarTextTests
{
    public static TheoryData<TemplateVar, string, string> Vars => new()
    {
        { Acc("wallets:w1:holds:p-1"), "account", "wallets:w1:holds:p-1" },
        { Ngn(150_000), "monetary", "NGN/2 150000" },
        { new TemplateVar.Monetary(new Money(Currency.JPY, 1_234)), "monetary", "JPY/0 1234" },
        { new TemplateVar.Monetary(new Money(Currency.KWD, 1)), "monetary", "KWD/3 1" },
        { Usdt(0), "monetary", "USDT/6 0" },
        { Asset(Currency.USD), "asset", "USD/2" },
        { new TemplateVar.Number(System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture)), "number", "123456789012345678901234567890" },
        { new TemplateVar.Number(-7), "number", "-7" },
        { new TemplateVar.Portion(1, 3), "portion", "1/3" },
        { new TemplateVar.Portion(125, 1000), "portion", "125/1000" },
        { new TemplateVar.Portion(0, 1), "portion", "0/1" },
        { Text("a reason: \"quoted\""), "string", "a reason: \"quoted\"" },
    };

    [Theory]
    [MemberData(nameof(Vars))]
    public void Each_var_type_renders_to_formance_string_form(TemplateVar value, string type, string text)
    {
        Assert.Equal(type, TemplateVarText.TypeOf(value));
        Assert.Equal(text, TemplateVarText.Render(value));
        Assert.Null(TemplateVarText.Problem(value));
    }

    [Fact]
    public void Portions_outside_zero_to_one_and_negative_amounts_cannot_fill_a_var()
    {
        Assert.Equal("portion 4/3 is not between 0 and 1", TemplateVarText.Problem(new TemplateVar.Portion(4, 3)));
        Assert.Equal("portion -1/3 is not between 0 and 1", TemplateVarText.Problem(new TemplateVar.Portion(-1, 3)));
        Assert.Equal("portion 1/0 needs a denominator above zero", TemplateVarText.Problem(new TemplateVar.Portion(1, 0)));
        Assert.Equal("amount -1.00 NGN is negative", TemplateVarText.Problem(Ngn(-100)));
    }
}
