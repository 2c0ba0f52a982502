using System.Numerics;
using System.Text.Json;
using Npgsql;
using WalletFlow.Adapters.Ledger;

namespace WalletFlow.Tests.Unit.Ledger;

/// <summary>
/// Numbers in a ledger filter are range-checked when the filter is compiled: out of range is a
/// VALIDATION refusal naming the field (the API's 400), never an overflow thrown into a 500 (issue 16).
/// </summary>
public class LedgerFilterTests
{
    private static readonly BigInteger TenTo78 = BigInteger.Pow(10, 78);

    private static (LedgerResult<string> Result, List<NpgsqlParameter> Parameters) Compile(string filter, FilterTarget target)
    {
        var parameters = new List<NpgsqlParameter>();
        using var document = JsonDocument.Parse(filter);
        return (LedgerFilter.Compile(document.RootElement.Clone(), target, parameters), parameters);
    }

    private static void AssertRefused(string filter, FilterTarget target, string message)
    {
        var (result, _) = Compile(filter, target);

        Assert.False(result.Succeeded);
        Assert.Equal(LedgerErrorCodes.Validation, result.Error.Code);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999999999999999999999999999999999")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    public void A_transaction_id_outside_a_64_bit_integer_is_refused_naming_the_range(string id) =>
        AssertRefused($$$"""{"$lt": {"id": {{{id}}}}}""", FilterTarget.Transactions, "'id' takes an integer from -9223372036854775808 to 9223372036854775807");

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("0")]
    public void A_transaction_id_inside_a_64_bit_integer_is_a_parameter(string id)
    {
        var (result, parameters) = Compile($$$"""{"$gte": {"id": {{{id}}}}}""", FilterTarget.Transactions);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(parameters).Value);
    }

    [Fact]
    public void A_balance_of_ten_to_the_78_either_side_is_refused_and_one_less_is_a_parameter()
    {
        AssertRefused($$$"""{"$gt": {"balance": {{{TenTo78}}}}}""", FilterTarget.Accounts, "'balance' takes an integer of less than 10^78");
        AssertRefused($$$"""{"$lt": {"balance[USD/2]": {{{-TenTo78}}}}}""", FilterTarget.Accounts, "'balance[USD/2]' takes an integer of less than 10^78");

        var (result, parameters) = Compile($$$"""{"$lt": {"balance": {{{-(TenTo78 - 1)}}}}}""", FilterTarget.Accounts);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(-(TenTo78 - 1), Assert.Single(parameters).Value);
    }

    [Fact]
    public void A_balance_of_a_hundred_thousand_digits_is_refused()
    {
        AssertRefused($$$"""{"$gt": {"balance": 1{{{new string('0', 100_000)}}}}}""", FilterTarget.Accounts, "'balance' takes an integer");
    }

    [Theory]
    [InlineData("balance\n")]
    [InlineData("metadata[k]\n")]
    public void A_field_name_with_a_trailing_newline_is_an_unknown_field(string field) =>
        AssertRefused(JsonSerializer.Serialize(new Dictionary<string, object> { ["$match"] = new Dictionary<string, object> { [field] = "x" } }),
            FilterTarget.Accounts, "unknown field");
}
