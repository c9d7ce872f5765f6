package io.albtarget.servlet;

import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * What a server did with one request on a fresh connection, as a client sees it: the status of its answer (0 for
 * none), and whether the connection stayed usable. A 2xx answer without {@code Connection: close} is followed by a
 * second, clean request on the same connection: the connection was kept alive only if that one gets 200 too, so a
 * body the server left unread (and parsed as the next request) shows.
 *
 * <p>Public because the Netty module's tests use it too.
 */
public record WireOutcome(int status, boolean keptAlive) {

    public static final WireOutcome SERVED = new WireOutcome(200, true);
    public static final WireOutcome SERVED_THEN_CLOSED = new WireOutcome(200, false);
    public static final WireOutcome NO_ANSWER = new WireOutcome(0, false);

    public static WireOutcome refused(int status) {
        return new WireOutcome(status, false);
    }

    /** Sends the request, half-closing when it is {@code incomplete}, and observes the outcome. */
    public static WireOutcome observe(int port, byte[] request, boolean incomplete) {
        return observe(port, request, incomplete, Duration.ofSeconds(5));
    }

    /**
     * Sends the request, half-closing when it is {@code incomplete}, and observes the outcome; a server silent for
     * {@code patience} has given no answer.
     */
    public static WireOutcome observe(int port, byte[] request, boolean incomplete, Duration patience) {
        try (RawHttp http = RawHttp.connect(port, patience)) {
            http.send(request);
            if (incomplete) {
                http.finishSending();
            }
            RawHttp.Response response;
            try {
                response = http.read();
            } catch (UncheckedIOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
                return NO_ANSWER;
            }
            if (response.status() >= 300 || "close".equalsIgnoreCase(response.header("Connection"))
                    || incomplete) {
                return new WireOutcome(response.status(), !http.closedByServer());
            }
            try {
                int next = http.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read().status();
                return new WireOutcome(response.status(), next == 200);
            } catch (UncheckedIOException e) {
                return new WireOutcome(response.status(), false);
            }
        }
    }

    @Override
    public String toString() {
        if (status == 0) {
            return "no answer";
        }
        return status + (keptAlive ? " kept" : " closed");
    }
}
