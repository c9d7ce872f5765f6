package io.albtarget;

import java.util.Locale;

/**
 * What albtarget decided about a request: accept it, or reject it with a status code and a short reason.
 *
 * <p>Reasons are fixed, printable ASCII sentences that never quote request bytes, so they are safe to put in a
 * response body and in a log line. Rules return shared constants, so judging a clean request allocates nothing.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Verdict {

    private static final Verdict ACCEPT = new Verdict(0, "accepted");
    private static final Verdict ACCEPT_AND_CLOSE = new Verdict(0, "accepted, then the connection closes");

    private final int status;
    private final String reason;

    private Verdict(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** The verdict for a request that may proceed. */
    public static Verdict accept() {
        return ACCEPT;
    }

    /**
     * The verdict for a request that may proceed on a connection that must close after its response: what the ALB
     * does with a request its desync classification calls ambiguous.
     */
    public static Verdict acceptAndClose() {
        return ACCEPT_AND_CLOSE;
    }

    /**
     * A rejection.
     *
     * @param status the HTTP status to answer, 400 to 599
     * @param reason one short sentence of printable ASCII saying what was wrong
     * @throws IllegalArgumentException if the status is outside 400 to 599 or the reason is empty or not printable
     *     ASCII
     */
    public static Verdict reject(int status, String reason) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "'status' must be between 400 and 599, but was %d", status));
        }
        if (reason.isEmpty() || !reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("'reason' must be non-empty printable ASCII, but was \""
                    + reason.replaceAll("[^\\x20-\\x7e]", "?") + "\"");
        }
        return new Verdict(status, reason);
    }

    /** Whether the request may proceed. */
    public boolean isAccepted() {
        return status == 0;
    }

    /** Whether the connection must close after the answer: for every rejection, and some accepted requests. */
    public boolean closesConnection() {
        return this != ACCEPT;
    }

    /** The status to answer; 0 for an accepted request. */
    public int status() {
        return status;
    }

    /** The reason, safe to show and to log. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return this == ACCEPT ? "accept" : this == ACCEPT_AND_CLOSE ? "accept, then close" : status + " " + reason;
    }
}
