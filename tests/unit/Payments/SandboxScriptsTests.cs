using WalletFlow.Adapters.Payments.Sandbox;

namespace WalletFlow.Tests.Unit.Payments;

public sealed class SandboxScriptsTests
{
    [Theory]
    [InlineData("0123456781", SandboxScript.InstantSuccess)]
    [InlineData("0123456782", SandboxScript.Reject)]
    [InlineData("0123456783", SandboxScript.PendingThenSuccess)]
    [InlineData("0123456784", SandboxScript.PendingThenFailure)]
    [InlineData("0123456785", SandboxScript.AmbiguousForever)]
    [InlineData("0123456786", SandboxScript.SlowThenSuccess)]
    [InlineData("0123456787", SandboxScript.InstantSuccess)]
    [InlineData("0123456780", SandboxScript.InstantSuccess)]
    [InlineData("GB29NWBK6016133192631X", SandboxScript.InstantSuccess)]
    [InlineData("", SandboxScript.InstantSuccess)]
    public void The_last_character_of_the_account_number_picks_the_script(string accountNumber, SandboxScript expected) =>
        Assert.Equal(expected, SandboxScripts.For(accountNumber));

    [Fact]
    public void Every_script_has_an_account_number_that_selects_it()
    {
        foreach (var script in Enum.GetValues<SandboxScript>())
            Assert.Equal(script, SandboxScripts.For(SandboxScripts.AccountNumberFor(script)));
    }
}
