package io.albtarget.compat.matrix;

import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import io.albtarget.internal.probe.HttpProbe;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/**
 * A client of the ALB emulator: each request on a new connection, so that the only connections reused are the
 * emulator's to its targets, where the keep-alive race is.
 */
final class Client {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpProbe probe;
    private final AlbRequest request;

    Client(URI emulator) {
        this.probe = HttpProbe.to(new InetSocketAddress(emulator.getHost(), emulator.getPort()));
        // a client reaches the ALB by its DNS name, which the ALB passes on as the Host
        this.request = AlbRequest.of("GET / HTTP/1.1\r\nHost: app.albtarget.test\r\nConnection: close\r\n\r\n");
    }

    /** Whether one request got a whole 200 answer. */
    boolean succeeds() {
        Exchange answer = probe.exchange(request, TIMEOUT);
        return answer.outcome() == Exchange.Outcome.COMPLETE && answer.status() == 200;
    }
}
