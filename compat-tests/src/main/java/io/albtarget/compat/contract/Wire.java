package io.albtarget.compat.contract;

import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import io.albtarget.internal.probe.HttpProbe;
import io.albtarget.internal.probe.IdleClose;
import java.time.Duration;

/** Raw requests to a contract target over new connections, with core's probe: what the ALB sends, byte for byte. */
final class Wire {

    /** How long a whole exchange may take when the item has no time limit of its own. */
    static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
    /** How long the server has to close a connection it refused a request on. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final ContractTarget target;
    private final HttpProbe probe;

    Wire(ContractTarget target) {
        this.target = target;
        this.probe = HttpProbe.to(target.address()).tls(target.usesTls());
    }

    /** The health checker's request, with this Host. */
    AlbRequest healthCheck(String host) {
        return AlbRequest.healthCheck(target.settings().healthCheckPath(), host);
    }

    /** An ordinary request to the application path as the ALB forwards it, on a connection kept for reuse. */
    AlbRequest forwarded(String host) {
        return AlbRequest.forwarded(target.applicationPath(), host);
    }

    /**
     * A request to the application path with the health checker's Host, these header lines after it and this body;
     * {@code Connection: close} is not sent, so a close is the server's own decision.
     */
    AlbRequest withLines(String method, String lines, String body) {
        return AlbRequest.of(method + " " + target.applicationPath() + " HTTP/1.1\r\nHost: "
                + target.healthCheckHost() + "\r\n" + lines + "\r\n" + body);
    }

    Exchange exchange(AlbRequest request, Duration timeout) {
        return probe.exchange(request, timeout);
    }

    /** The exchange, then the connection watched for a close until {@code limit}. */
    IdleClose exchangeAndWatch(AlbRequest request, Duration limit) {
        return probe.idleClose(request, EXCHANGE_TIMEOUT, limit, () -> false);
    }
}
