package io.albtarget.compat.contract;

import io.albtarget.http.DesyncReason;
import io.albtarget.http.DesyncTier;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A request whose framing servers and proxies read differently, and what a target behind the ALB must do with it:
 * refuse it with 400 and close the connection, or, where the ALB classes it Ambiguous, either that or serve it and
 * then close the connection.
 */
enum FramingCase {
    OBS_FOLD("a header folded over two lines (obs-fold)", DesyncReason.MULTILINE_HEADER, true,
            "GET", "X-Folded: first\r\n second\r\n", ""),
    EMPTY_HEADER_NAME("a header line with an empty name", DesyncReason.EMPTY_HEADER, false,
            "GET", ": empty-name\r\n", ""),
    CR_IN_HEADER_VALUE("a bare CR in a header value", DesyncReason.BAD_HEADER, true,
            "GET", "X-Test: a\rb\r\n", ""),
    CONTENT_LENGTH_AND_TRANSFER_ENCODING("Content-Length with Transfer-Encoding: chunked",
            DesyncReason.BOTH_TE_CL_PRESENT, false,
            "POST", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
    TWO_CONTENT_LENGTHS("two different Content-Length values", DesyncReason.MULTIPLE_CONTENT_LENGTH, true,
            "POST", "Content-Length: 3\r\nContent-Length: 5\r\n", "abcde"),
    CHUNKED_TWICE("Transfer-Encoding: chunked, chunked", DesyncReason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, true,
            "POST", "Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"),
    GET_WITH_BODY("a GET with a body", DesyncReason.UNDEFINED_CONTENT_LENGTH_SEMANTICS, false,
            "GET", "Content-Length: 5\r\n", "abcde"),
    TWO_HOST_LINES("two Host lines", null, true, "GET", "Host: example.com\r\n", "");

    private final String description;
    private final @Nullable DesyncReason reason;
    private final boolean refusalRequired;
    private final String method;
    private final String lines;
    private final String body;

    FramingCase(String description, @Nullable DesyncReason reason, boolean refusalRequired, String method,
            String lines, String body) {
        this.description = description;
        this.reason = reason;
        this.refusalRequired = refusalRequired;
        this.method = method;
        this.lines = lines;
        this.body = body;
    }

    /** Asserts that the target does with this request what the ALB requires. */
    void assertMetBy(AlbTargetAssert target) {
        if (refusalRequired) {
            target.refuses(method, lines, body, 400);
        } else {
            target.refusesOrClosesAfter(method, lines, body);
        }
    }

    /** The case as test reports name it, with the ALB's class for it. */
    @Override
    public String toString() {
        String alb = reason == null ? "RFC 9112: 400"
                : "the ALB: " + reason.albName() + ", " + tierName(reason.tier());
        return description + " (" + alb + ")";
    }

    private static String tierName(DesyncTier tier) {
        String name = tier.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
