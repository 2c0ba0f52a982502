using System.Reflection;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Tests.Unit.Monetary;

/// <summary>
/// The compile-time half of "no cross-currency arithmetic": Money has no conversion from a number
/// and no operator that takes a bare number except scaling, so <c>naira + 5</c> cannot compile.
/// This pins that shape so a convenience operator added later fails here first.
/// </summary>
public class MoneyTypeShapeTests
{
    private static readonly MethodInfo[] Operators =
        [.. typeof(Money).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal))];

    [Fact]
    public void Money_has_no_implicit_or_explicit_conversion_from_or_to_a_number()
    {
        Assert.DoesNotContain(Operators, m => m.Name is "op_Implicit" or "op_Explicit");
    }

    [Fact]
    public void Every_binary_operator_takes_two_amounts_except_scaling_by_a_whole_factor()
    {
        var binary = Operators.Where(m => m.GetParameters().Length == 2 && m.Name is not ("op_Equality" or "op_Inequality")).ToList();

        Assert.NotEmpty(binary);
        Assert.All(binary, m =>
        {
            var types = m.GetParameters().Select(p => p.ParameterType).ToArray();
            var expected = m.Name == "op_Multiply" ? new[] { typeof(Money), typeof(long) } : [typeof(Money), typeof(Money)];
            Assert.Equal(expected, types);
        });
    }
}
