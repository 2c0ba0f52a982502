namespace WalletFlow.Core.Identity;

/// <summary>A client just made, with its key: the only time the key exists outside its holder.</summary>
public sealed record NewApiClient(ApiClient Client, string Key);
