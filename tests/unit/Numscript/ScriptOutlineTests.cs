using WalletFlow.Numscript;

namespace WalletFlow.Tests.Unit.Numscript;

public sealed class ScriptOutlineTests
{
    [Fact]
    public void The_outline_lists_every_account_with_its_role_and_overdraft_clause_and_the_call_statements_from_the_tree()
    {
        var script = ParsedScript.Parse("""
            vars {
              account $bank
              monetary $amount
            }
            // send $amount ( source = @world destination = @nowhere ) is a comment, not code
            send $amount (
              source = {
                $bank allowing unbounded overdraft
                max [NGN/2 100] from @pools:gps:NGN allowing overdraft up to [NGN/2 50]
                @wallets:w1:main
              }
              destination = {
                1/2 to @wallets:w2:main
                remaining kept
              }
            )
            save [NGN/2 *] from @wallets:w3:main
            set_tx_meta("template", "pay-in")
            set_tx_meta("owner", $bank)
            """);
        Assert.True(script.IsValid, string.Join("; ", script.Diagnostics));

        var outline = script.Outline;

        Assert.Equal(
        [
            (AccountRole.Source, "$bank", Overdraft.Unbounded),
            (AccountRole.Source, "@pools:gps:NGN", Overdraft.Bounded),
            (AccountRole.Source, "@wallets:w1:main", Overdraft.None),
            (AccountRole.Destination, "@wallets:w2:main", Overdraft.None),
            (AccountRole.SavedFrom, "@wallets:w3:main", Overdraft.None),
        ], outline.Accounts.Select(a => (a.Role, a.ToString(), a.Overdraft)));
        Assert.Equal(["set_tx_meta", "set_tx_meta"], outline.Calls.Select(c => c.Name));
        Assert.Equal(["template", "pay-in"], outline.Calls[0].Arguments.Select(a => a.Text));
        Assert.Equal((null, "bank"), (outline.Calls[1].Arguments[1].Text, outline.Calls[1].Arguments[1].Variable));
    }

    [Fact]
    public void An_interpolated_account_is_neither_a_variable_nor_a_literal_and_an_account_in_a_call_is_mentioned()
    {
        var script = ParsedScript.Parse("""
            vars {
              string $id
            }
            send [NGN/2 1] (
              source = @wallets:$id:main
              destination = @banks:b1:NGN
            )
            set_account_meta(@banks:b1:NGN, "checked", "yes")
            """);
        Assert.True(script.IsValid, string.Join("; ", script.Diagnostics));

        var accounts = script.Outline.Accounts;

        Assert.Equal((AccountRole.Source, null, null), (accounts[0].Role, accounts[0].Variable, accounts[0].Literal));
        Assert.Equal((AccountRole.Mentioned, "banks:b1:NGN"), (accounts[2].Role, accounts[2].Literal));
    }
}
