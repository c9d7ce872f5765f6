package io.albtarget.compat.contract;

import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import io.albtarget.internal.probe.IdleClose;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a running application as the ALB meets it: each sends the ALB's bytes over a new connection and, on
 * failure, says what the ALB would make of the answer (a health-check reason code such as
 * {@code Target.ResponseCodeMismatch}, or the HTTP 502 or 504 a client would get).
 *
 * <p>Get one from {@link AlbAssertions#assertThat(ContractTarget)}. Instances are not thread-safe.
 *
 * @since 0.1.0
 */
public final class AlbTargetAssert extends AbstractAssert<AlbTargetAssert, ContractTarget> {

    /** The largest response header block the ALB takes from a target; a larger one gives clients HTTP 502. */
    static final int MAX_RESPONSE_HEADER_BYTES = 32 * 1024;

    /** How often the drain check asks for health. */
    private static final Duration POLL = Duration.ofMillis(50);
    /** Time for the platform's own stop, after albtarget's drain. */
    private static final Duration STOP_SLACK = Duration.ofSeconds(10);

    private final Wire wire;

    AlbTargetAssert(ContractTarget target) {
        super(target, AlbTargetAssert.class);
        this.wire = new Wire(target);
    }

    /** The health checker's exact request gets a code the matcher accepts within the health-check timeout. */
    public AlbTargetAssert answersHealthCheck() {
        return answersHealthCheckWithin(actual.settings().timeout());
    }

    /** The health checker's exact request gets a code the matcher accepts within this time. */
    public AlbTargetAssert answersHealthCheckWithin(Duration timeout) {
        return answersHealthCheck(actual.healthCheckHost(), timeout);
    }

    /**
     * The health checker's exact request with this {@code Host} (e.g. the IP without a port, as the checker sends it
     * on port 80) gets a code the matcher accepts within the health-check timeout.
     */
    public AlbTargetAssert answersHealthCheckWithHost(String host) {
        return answersHealthCheck(host, actual.settings().timeout());
    }

    /** While a health dependency hangs, the health check still gets a code the matcher accepts in time. */
    public AlbTargetAssert answersHealthCheckWhileADependencyHangs() {
        Callable<AutoCloseable> hang = actual.hangingDependency().orElseThrow(() -> new IllegalStateException(
                "give ContractTarget.withHangingDependency(...) to check health with a hanging dependency"));
        AutoCloseable hanging;
        try {
            hanging = hang.call();
        } catch (Exception e) {
            throw new IllegalStateException("the dependency's hang could not be started", e);
        }
        try {
            answersHealthCheck();
        } catch (AssertionError failed) {
            end(hanging, failed);
            throw failed;
        }
        end(hanging, null);
        return this;
    }

    private static void end(AutoCloseable hanging, @Nullable AssertionError failed) {
        try {
            hanging.close();
        } catch (Exception e) {
            IllegalStateException notEnded = new IllegalStateException("the dependency's hang could not be ended", e);
            if (failed != null) {
                failed.addSuppressed(notEnded);
                return;
            }
            throw notEnded;
        }
    }

    /** An ordinary request with this {@code Host} is served, not refused with 400. */
    public AlbTargetAssert acceptsHost(String host) {
        Exchange answer = wire.exchange(wire.forwarded(host), Wire.EXCHANGE_TIMEOUT);
        if (answer.outcome() != Exchange.Outcome.COMPLETE || answer.status() == 400) {
            failWithMessage("Expected %s to serve a request with Host: %s, as the ALB's health checker and"
                    + " forwarded requests use it, but got %s", actual, host, answer);
        }
        return this;
    }

    /** An ordinary request with this {@code Host}, not an address of the target, is refused with 400. */
    public AlbTargetAssert refusesHost(String host) {
        Exchange answer = wire.exchange(wire.forwarded(host), Wire.EXCHANGE_TIMEOUT);
        if (answer.outcome() != Exchange.Outcome.COMPLETE || answer.status() != 400) {
            failWithMessage("Expected %s to refuse Host: %s with 400 (a Host that is not this target's address"
                    + " reaches it only by a route around the ALB, or malformed), but got %s", actual, host, answer);
        }
        return this;
    }

    /**
     * A request with these header lines (each ending in CRLF, after {@code Host}) and this body gets this status
     * and the server then closes the connection, as the ALB requires of a request it would refuse itself.
     */
    public AlbTargetAssert refuses(String method, String lines, String body, int status) {
        IdleClose answer = wire.exchangeAndWatch(wire.withLines(method, lines, body), Wire.CLOSE_WAIT);
        Exchange exchange = answer.exchange();
        if (exchange.outcome() != Exchange.Outcome.COMPLETE || exchange.status() != status) {
            failWithMessage("Expected %s to refuse %s with %d, but got %s: the ALB passes such a request on and the"
                    + " server reads it its own way (request desync)", actual, shown(lines), status, exchange);
        }
        if (answer.closedAfter().isEmpty()) {
            failWithMessage("Expected %s to close the connection after refusing %s with %d, but it was %s: bytes"
                    + " left on it would be read as the next request", actual, shown(lines), status, answer);
        }
        return this;
    }

    /**
     * A request with these header lines and this body is refused with 400, or served on a connection the server
     * then closes: what the ALB asks of a request it classes Ambiguous.
     */
    public AlbTargetAssert refusesOrClosesAfter(String method, String lines, String body) {
        IdleClose answer = wire.exchangeAndWatch(wire.withLines(method, lines, body), Wire.CLOSE_WAIT);
        Exchange exchange = answer.exchange();
        if (exchange.outcome() != Exchange.Outcome.COMPLETE || answer.closedAfter().isEmpty()) {
            failWithMessage("Expected %s to refuse %s with 400 or to serve it and close the connection, but got %s,"
                    + " then the connection %s", actual, shown(lines), exchange, answer);
        }
        return this;
    }

    /**
     * After an ordinary request, the server keeps the idle connection open past this time: the ALB closes idle
     * connections after its idle timeout, and a server that closes first can close one the ALB is reusing, which
     * gives the client HTTP 502.
     */
    public AlbTargetAssert keepsIdleConnectionsOpenPast(Duration idle) {
        IdleClose watched = wire.exchangeAndWatch(wire.forwarded(actual.healthCheckHost()), idle);
        if (watched.exchange().outcome() != Exchange.Outcome.COMPLETE) {
            failWithMessage("Expected %s to answer a request the ALB forwards, but got %s", actual,
                    watched.exchange());
        }
        Optional<Duration> closed = watched.closedAfter();
        if (watched.closeAnnounced() || closed.isPresent()) {
            failWithMessage("Expected %s to keep an idle connection open past %d ms (the ALB's idle timeout), but"
                    + " it %s: the ALB may reuse a connection the server is closing, and the client gets HTTP 502;"
                    + " set the server's keep-alive timeout above the ALB's idle timeout", actual, idle.toMillis(),
                    watched.closeAnnounced() ? "announced Connection: close" : "closed it after "
                            + closed.orElseThrow().toMillis() + " ms");
        }
        return this;
    }

    /**
     * The answers to an ordinary request and to the health check are framed as the ALB reads them: the header block
     * within the ALB's 32 KiB, and a body of exactly the announced {@code Content-Length} (or chunked).
     */
    public AlbTargetAssert framesItsResponses() {
        frames(wire.forwarded(actual.healthCheckHost()));
        return frames(wire.healthCheck(actual.healthCheckHost()));
    }

    /**
     * Shut down as its platform does on SIGTERM, the application first fails the health check (with a code outside
     * the matcher, the listener still open) while it still serves ordinary requests, and then stops: a target that
     * stops listening first, or refuses requests once its health fails, gives the ALB's clients HTTP 502 until the
     * ALB has counted the failed checks.
     */
    public AlbTargetAssert drainsWhenShutDown() {
        Runnable shutdown = actual.shutdown().orElseThrow(() -> new IllegalStateException(
                "give ContractTarget.withShutdown(...) to check the drain"));
        answersHealthCheck();
        Thread stopping = new Thread(shutdown, "albtarget-contract-shutdown");
        stopping.setDaemon(true);
        stopping.start();
        Exchange failing = untilHealthFails();
        Exchange served = wire.exchange(wire.forwarded(actual.healthCheckHost()), Wire.EXCHANGE_TIMEOUT);
        if (served.outcome() != Exchange.Outcome.COMPLETE || served.status() >= 500) {
            failWithMessage("Expected %s to keep serving while its health check fails (%s), but an ordinary request"
                    + " got %s: the ALB routes requests to the target until it has counted the failed checks, and"
                    + " its clients get HTTP 502", actual, failing, served);
        }
        Duration limit = actual.settings().drainWait().plus(actual.settings().drainTimeout()).plus(STOP_SLACK);
        try {
            stopping.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the application stopped", e);
        }
        if (stopping.isAlive()) {
            failWithMessage("Expected %s to stop within alb.drain.wait + alb.drain.timeout + %d s, %d ms, but it was"
                    + " still stopping", actual, STOP_SLACK.toSeconds(), limit.toMillis());
        }
        return this;
    }

    /** Health-checks the target until it answers with a code outside the matcher; fails if it stops answering. */
    private Exchange untilHealthFails() {
        long deadline = System.nanoTime() + Wire.EXCHANGE_TIMEOUT.toNanos();
        while (true) {
            Exchange answer = wire.exchange(wire.healthCheck(actual.healthCheckHost()), actual.settings().timeout());
            if (answer.outcome() != Exchange.Outcome.COMPLETE) {
                failWithMessage("Expected %s to fail its health check before it stops answering, but it %s while its"
                        + " health still passed: the ALB routes requests to it until UnhealthyThreshold checks"
                        + " fail, and its clients get HTTP 502", actual, answer);
            }
            if (!actual.settings().matcher().matches(answer.status())) {
                return answer;
            }
            if (System.nanoTime() - deadline > 0) {
                failWithMessage("Expected %s to fail its health check once shut down, but it still answered %s after"
                        + " %d s", actual, answer, Wire.EXCHANGE_TIMEOUT.toSeconds());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while health-checking the draining application", e);
            }
        }
    }

    private AlbTargetAssert frames(AlbRequest request) {
        Exchange answer = wire.exchange(request, Wire.EXCHANGE_TIMEOUT);
        if (answer.outcome() != Exchange.Outcome.COMPLETE) {
            failWithMessage("Expected %s to answer %s in full, but got %s: the ALB answers its client HTTP %d",
                    actual, request, answer, answer.outcome() == Exchange.Outcome.TIMED_OUT ? 504 : 502);
        }
        if (answer.headerBytes() > MAX_RESPONSE_HEADER_BYTES) {
            failWithMessage("Expected %s to answer %s with at most %d header bytes, the ALB's limit, but it sent %d:"
                    + " the ALB answers its client HTTP 502", actual, request, MAX_RESPONSE_HEADER_BYTES,
                    answer.headerBytes());
        }
        if (answer.excessBytes() > 0) {
            failWithMessage("Expected %s to send exactly the body its Content-Length announced for %s, but %d more"
                    + " bytes followed: the ALB would read them as the start of the next response", actual, request,
                    answer.excessBytes());
        }
        return this;
    }

    private AlbTargetAssert answersHealthCheck(String host, Duration timeout) {
        AlbRequest request = wire.healthCheck(host);
        Exchange answer = wire.exchange(request, timeout);
        if (answer.outcome() == Exchange.Outcome.COMPLETE && actual.settings().matcher().matches(answer.status())) {
            return this;
        }
        failWithMessage("Expected %s to answer the ALB's health check (%s) with %s within %d ms, but got %s: the ALB"
                + " marks the target unhealthy, %s", actual, request, actual.settings().matcher(), timeout.toMillis(),
                answer, reasonCode(answer));
        return this;
    }

    /** The reason code the ALB's target health would show for a failed health check, and a hint at the cause. */
    static String reasonCode(Exchange answer) {
        if (answer.outcome() == Exchange.Outcome.TIMED_OUT) {
            return "Target.Timeout (Request timed out)";
        }
        if (answer.outcome() != Exchange.Outcome.COMPLETE) {
            return "Target.FailedHealthChecks (" + answer.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ")";
        }
        int code = answer.status();
        String hint = code >= 300 && code < 400 ? "; the ALB does not follow redirects"
                : code == 401 || code == 403 ? "; the health checker sends no credentials"
                : code == 404 ? "; nothing answers the health-check path" : "";
        return "Target.ResponseCodeMismatch (Health checks failed with these codes: [" + code + "])" + hint;
    }

    private static String shown(String lines) {
        return lines.replace("\r", "\\r").replace("\n", "\\n");
    }
}
