namespace WalletFlow.Chaos;

/// <summary>A definitive answer.</summary>
public sealed record ChaosAnswer(int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}
