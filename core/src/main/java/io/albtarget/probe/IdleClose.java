package io.albtarget.probe;

import io.albtarget.internal.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a server kept a connection open after answering a request, watched up to a limit.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IdleClose {

    private final Exchange exchange;
    private final Duration limit;
    private final Optional<Duration> closedAfter;

    IdleClose(Exchange exchange, Duration limit, Optional<Duration> closedAfter) {
        this.exchange = exchange;
        this.limit = limit;
        this.closedAfter = closedAfter;
    }

    /** The request's exchange; when it did not complete there was no idle connection to watch. */
    public Exchange exchange() {
        return exchange;
    }

    /** How long the connection was watched at most. */
    public Duration limit() {
        return limit;
    }

    /** When the server closed the idle connection, counted from the end of the response; empty if still open. */
    public Optional<Duration> closedAfter() {
        return closedAfter;
    }

    /** Whether the response itself announced {@code Connection: close}. */
    public boolean closeAnnounced() {
        return exchange.header("Connection").filter(value -> value.strip().equalsIgnoreCase("close")).isPresent();
    }

    @Override
    public String toString() {
        return closedAfter.map(d -> "closed after " + d.toMillis() + " ms")
                .orElse("still open after " + Durations.format(limit));
    }
}
