package io.albtarget.http;

/**
 * Thrown from a server's read of a connection once a {@link RequestHeadGuard} refused the bytes that come next.
 *
 * <p>It is an {@link IllegalArgumentException} on purpose: Tomcat's and Undertow's HTTP/1.1 parsers answer a
 * runtime exception raised while they read a request head with their own 400 and close the connection, after the
 * responses to requests already read, whereas an {@link java.io.IOException} would only drop the connection.
 */
public final class RefusedRequestHeadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the guard refused the bytes, one of {@link RequestHeadGuard}'s reasons
     */
    public RefusedRequestHeadException(String reason) {
        super("albtarget refused the request head: " + reason);
    }

    /**
     * No stack trace: the refusal is an answer to bad bytes, not a fault in the server, and Tomcat logs the first
     * one it meets; a stack trace would make a routine refusal look like a crash.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
