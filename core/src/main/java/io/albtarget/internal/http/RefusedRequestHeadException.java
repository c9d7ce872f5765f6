package io.albtarget.internal.http;

import io.albtarget.Verdict;

/**
 * Thrown from a server's read of a connection once a {@link RequestHeadGuard} refused the bytes that come next.
 *
 * <p>It is an {@link IllegalArgumentException} on purpose: Tomcat's and Undertow's HTTP/1.1 parsers answer a
 * runtime exception raised while they read a request head with an error response and close the connection, after
 * the responses to requests already read, whereas an {@link java.io.IOException} would only drop the connection. The
 * server adapters then answer with {@link Refusal#response(Verdict) albtarget's own refusal}.
 */
public final class RefusedRequestHeadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Verdict verdict;

    /**
     * @param verdict what the guard refused and what to answer, one of {@link RequestHeadGuard#refusal()}
     */
    public RefusedRequestHeadException(Verdict verdict) {
        super("albtarget refused the request head: " + verdict.reason());
        this.verdict = verdict;
    }

    /** The status and reason to answer. */
    public Verdict verdict() {
        return verdict;
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
