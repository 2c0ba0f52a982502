using Grpc.Core;

namespace WalletFlow.Host.Durable;

/// <summary>
/// The worker and the client read their gRPC settings when the host builds them, before the sidecar
/// has bound its port (port 0: a free one, known only once Kestrel listens). They get this invoker,
/// which forwards each call to the sidecar's channel as it is at call time, with the process's secret
/// in <see cref="DurableSidecar.SecretHeader"/> (the sidecar refuses a call without it).
/// </summary>
internal sealed class SidecarCallInvoker(Func<CallInvoker> current, string secret) : CallInvoker
{
    private CallOptions Signed(CallOptions options)
    {
        // A copy: the caller's Metadata may be shared between calls.
        var headers = new Metadata();
        foreach (var entry in options.Headers ?? [])
            headers.Add(entry);
        headers.Add(DurableSidecar.SecretHeader, secret);
        return options.WithHeaders(headers);
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        current().BlockingUnaryCall(method, host, Signed(options), request);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        current().AsyncUnaryCall(method, host, Signed(options), request);

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        current().AsyncServerStreamingCall(method, host, Signed(options), request);

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        current().AsyncClientStreamingCall(method, host, Signed(options));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        current().AsyncDuplexStreamingCall(method, host, Signed(options));
}
