package io.albtarget.compat.health;

import io.albtarget.AlbSettings;
import io.albtarget.SuccessCodes;
import io.albtarget.internal.Durations;
import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import io.albtarget.internal.probe.HttpProbe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** One ALB health check of one target: the checker's request on a new connection, judged against the matcher. */
final class HealthCheck {

    private final HttpProbe probe;
    private final AlbRequest request;
    private final Duration timeout;
    private final SuccessCodes matcher;

    private HealthCheck(HttpProbe probe, AlbRequest request, Duration timeout, SuccessCodes matcher) {
        this.probe = probe;
        this.request = request;
        this.timeout = timeout;
        this.matcher = matcher;
    }

    static HealthCheck of(InetSocketAddress target, AlbSettings settings, TimeScale scale) {
        boolean tls = settings.healthCheckProtocol() == AlbSettings.Protocol.HTTPS;
        int port = settings.healthCheckPort().orElse(target.getPort());
        InetSocketAddress checked = new InetSocketAddress(target.getAddress(), port);
        return new HealthCheck(HttpProbe.to(checked).tls(tls),
                AlbRequest.healthCheck(settings.healthCheckPath(), AlbRequest.healthCheckHost(checked, tls)),
                scale.apply(settings.timeout()), settings.matcher());
    }

    InetSocketAddress address() {
        return probe.address();
    }

    HealthCheckResult run() {
        Exchange exchange = probe.exchange(request, timeout);
        OptionalInt status = exchange.status() < 0 ? OptionalInt.empty() : OptionalInt.of(exchange.status());
        switch (exchange.outcome()) {
            case COMPLETE:
                if (matcher.matches(exchange.status())) {
                    return new HealthCheckResult(true, status, Optional.empty(), exchange.elapsed(),
                            exchange.toString());
                }
                return failed(ReasonCode.RESPONSE_CODE_MISMATCH, status, exchange, "code " + exchange.status()
                        + " not in matcher \"" + matcher + "\"");
            case TIMED_OUT:
                return failed(ReasonCode.TIMEOUT, status, exchange, "timed out after " + Durations.format(timeout)
                        + ": " + exchange.detail());
            case CONNECT_FAILED:
                // the probe waits out the deadline when the connect timed out, and fails at once otherwise
                return exchange.elapsed().compareTo(timeout) >= 0
                        ? failed(ReasonCode.TIMEOUT, status, exchange, "timed out after " + Durations.format(timeout)
                                + ": " + exchange.detail())
                        : failed(ReasonCode.FAILED_HEALTH_CHECKS, status, exchange, exchange.detail());
            default:
                return failed(ReasonCode.FAILED_HEALTH_CHECKS, status, exchange, exchange.toString());
        }
    }

    private static HealthCheckResult failed(ReasonCode reason, OptionalInt status, Exchange exchange, String detail) {
        return new HealthCheckResult(false, status, Optional.of(reason), exchange.elapsed(), detail);
    }
}
