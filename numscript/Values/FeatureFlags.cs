namespace WalletFlow.Numscript;

/// <summary>The upstream experimental feature flags, enabled per run or by <c>#![feature("…")]</c>.</summary>
public static class FeatureFlags
{
    public const string OverdraftFunction = "experimental-overdraft-function";
    public const string GetAssetFunction = "experimental-get-asset-function";
    public const string GetAmountFunction = "experimental-get-amount-function";
    public const string AccountInterpolation = "experimental-account-interpolation";
    public const string MidScriptFunctionCall = "experimental-mid-script-function-call";
    public const string Oneof = "experimental-oneof";
    public const string AssetColors = "experimental-asset-colors";
    public const string AssetScaling = "experimental-asset-scaling";
}
