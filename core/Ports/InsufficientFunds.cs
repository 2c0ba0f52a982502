using System.Numerics;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>The ledger refused a movement because an account would go below zero; nothing was written.</summary>
/// <param name="Account">The account that lacked funds.</param>
/// <param name="Asset">The ledger asset.</param>
/// <param name="Needed">Minor units the movement needed.</param>
/// <param name="Available">Minor units the account had.</param>
public sealed record InsufficientFunds(string Account, string Asset, BigInteger Needed, BigInteger Available) : Rejection(
    RejectionCodes.InsufficientFunds,
    $"Insufficient funds in {Account}: {Needed} {Asset} needed, {Available} available.");
