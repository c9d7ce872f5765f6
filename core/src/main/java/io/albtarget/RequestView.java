package io.albtarget;

/**
 * A server-neutral, read-only view of one parsed request head and the connection it arrived on.
 *
 * <p>Every integration (servlet filter, Netty handler) adapts its own request type to this view; the rules in
 * core never see a framework type. Header lines are exposed in arrival order, one entry per field line (a name
 * that appears twice has two entries), exactly as the server's parser produced them: names are not normalised,
 * values are not trimmed beyond what the server did.
 *
 * <p>Implementations need not be thread-safe; a view is used by one thread for one request.
 */
public interface RequestView {

    /** The request method, e.g. {@code GET}. */
    String method();

    /**
     * The request target as it stood in the request line, e.g. {@code /orders?id=7}: the path undecoded, then
     * {@code ?} and the query when there is one.
     */
    String target();

    /** The protocol of the request line, e.g. {@code HTTP/1.1}. */
    String protocol();

    /** How many header field lines the request carried. */
    int headerCount();

    /**
     * The name of a header field line.
     *
     * @param index 0 to {@link #headerCount()} - 1
     */
    String headerName(int index);

    /**
     * The value of a header field line.
     *
     * @param index 0 to {@link #headerCount()} - 1
     */
    String headerValue(int index);

    /** The address the connection was accepted on, as the server reports it (IPv4 or IPv6 text, no brackets). */
    String localAddress();

    /** The port the connection was accepted on. */
    int localPort();
}
