namespace WalletFlow.Adapters.Stores;

/// <summary>A movement's plan asked for state another movement of the same transaction has locked: it runs in the next one.</summary>
public sealed class LockedByAnotherMemberException(string name)
    : Exception($"'{name}' is locked by another movement of this transaction.");
