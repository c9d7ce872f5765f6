package io.albtarget.internal.probe;

import io.albtarget.internal.Printable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One request and what came back: the status, the headers, the body's length against its framing, how long it took
 * and how it ended.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Exchange {

    /** How an exchange ended. */
    public enum Outcome {
        /** A whole response: status line, headers and the body its framing announced. */
        COMPLETE,
        /** The connection could not be opened. */
        CONNECT_FAILED,
        /** No whole response before the deadline. */
        TIMED_OUT,
        /** The server closed the connection before the whole response. */
        CLOSED_EARLY,
        /** The bytes are not an HTTP/1.x response. */
        MALFORMED,
        /**
         * The port speaks the other protocol: it answered a plain-HTTP request in TLS, or a TLS ClientHello in plain
         * HTTP.
         */
        OTHER_PROTOCOL
    }

    private final Outcome outcome;
    private final String detail;
    private final String statusLine;
    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final int headerBytes;
    private final long bodyBytes;
    private final long excessBytes;
    private final Duration elapsed;

    Exchange(Outcome outcome, String detail, String statusLine, int status, List<Map.Entry<String, String>> headers,
            int headerBytes, long bodyBytes, Duration elapsed) {
        this(outcome, detail, statusLine, status, headers, headerBytes, bodyBytes, 0, elapsed);
    }

    private Exchange(Outcome outcome, String detail, String statusLine, int status,
            List<Map.Entry<String, String>> headers, int headerBytes, long bodyBytes, long excessBytes,
            Duration elapsed) {
        this.outcome = outcome;
        this.detail = detail;
        this.statusLine = statusLine;
        this.status = status;
        this.headers = List.copyOf(headers);
        this.headerBytes = headerBytes;
        this.bodyBytes = bodyBytes;
        this.excessBytes = excessBytes;
        this.elapsed = elapsed;
    }

    /** This exchange with bytes seen after the response's end. */
    Exchange withExcessBytes(long bytes) {
        return new Exchange(outcome, detail, statusLine, status, headers, headerBytes, bodyBytes, bytes, elapsed);
    }

    static Exchange failed(Outcome outcome, String detail, Duration elapsed) {
        return new Exchange(outcome, detail, "", -1, List.of(), 0, 0, elapsed);
    }

    /** How the exchange ended. */
    public Outcome outcome() {
        return outcome;
    }

    /** Why it did not complete, e.g. {@code connection refused}; empty when complete. */
    public String detail() {
        return detail;
    }

    /** The status code, or -1 when no status line came. */
    public int status() {
        return status;
    }

    /** The status line as received, control characters escaped; empty when none came. */
    public String statusLine() {
        return Printable.of(statusLine);
    }

    /** The response headers in order, names as received (or an empty list). */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return header(headers, name);
    }

    static Optional<String> header(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The {@code Content-Length} the response announced, if it announced one that parses. */
    public OptionalLong contentLength() {
        return contentLength(headers);
    }

    static OptionalLong contentLength(List<Map.Entry<String, String>> headers) {
        Optional<String> value = header(headers, "Content-Length");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The size of the status line and header block, final empty line included. */
    public int headerBytes() {
        return headerBytes;
    }

    /** The body bytes received. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /**
     * The bytes the server sent after the end of the response as its {@code Content-Length} or chunked framing
     * marks it, before it closed the connection (watched briefly); 0 for a body that ends with the connection.
     */
    public long excessBytes() {
        return excessBytes;
    }

    /** From the start of the connect to the end of the exchange. */
    public Duration elapsed() {
        return elapsed;
    }

    /** One line for a report: {@code 200 in 3 ms}, or how it failed. */
    @Override
    public String toString() {
        long millis = elapsed.toMillis();
        if (outcome == Outcome.COMPLETE) {
            return String.format(Locale.ROOT, "%s in %d ms", statusLine().strip(), millis);
        }
        String got = status < 0 ? "" : statusLine().strip() + ", ";
        return String.format(Locale.ROOT, "%s%s after %d ms: %s", got, outcome.name().toLowerCase(Locale.ROOT)
                .replace('_', ' '), millis, detail);
    }
}
