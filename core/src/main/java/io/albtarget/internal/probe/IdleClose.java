package io.albtarget.internal.probe;

import io.albtarget.internal.Durations;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How long a server kept a connection open after answering a request, watched up to a limit.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IdleClose {

    private final Exchange exchange;
    private final Duration limit;
    private final @Nullable Duration closedAfter;
    private final @Nullable Duration stoppedAfter;

    private IdleClose(Exchange exchange, Duration limit, @Nullable Duration closedAfter,
            @Nullable Duration stoppedAfter) {
        this.exchange = exchange;
        this.limit = limit;
        this.closedAfter = closedAfter;
        this.stoppedAfter = stoppedAfter;
    }

    /** No close seen: the exchange did not complete, or the connection was still open at the limit. */
    static IdleClose unclosed(Exchange exchange, Duration limit) {
        return new IdleClose(exchange, limit, null, null);
    }

    static IdleClose closed(Exchange exchange, Duration limit, Duration after) {
        return new IdleClose(exchange, limit, after, null);
    }

    static IdleClose stopped(Exchange exchange, Duration limit, Duration after) {
        return new IdleClose(exchange, limit, null, after);
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
        return Optional.ofNullable(closedAfter);
    }

    /**
     * When the watch was stopped from outside, before the server closed the connection and before the limit,
     * counted from the end of the response; empty when it was not.
     */
    public Optional<Duration> stoppedAfter() {
        return Optional.ofNullable(stoppedAfter);
    }

    /** Whether the response itself announced {@code Connection: close}. */
    public boolean closeAnnounced() {
        return exchange.header("Connection").filter(value -> value.strip().equalsIgnoreCase("close")).isPresent();
    }

    @Override
    public String toString() {
        if (exchange.outcome() != Exchange.Outcome.COMPLETE) {
            return "no idle connection to watch";
        }
        if (closedAfter != null) {
            return "closed after " + closedAfter.toMillis() + " ms";
        }
        if (stoppedAfter != null) {
            return "watch stopped after " + stoppedAfter.toMillis() + " ms, the connection still open";
        }
        return "still open after " + Durations.format(limit);
    }
}
