package io.albtarget.http;

import io.albtarget.Verdict;
import java.nio.charset.StandardCharsets;

/**
 * How every refusal albtarget causes looks on the wire, whichever layer answers it (the byte guard through its
 * server, or the filter): the verdict's status, {@code Content-Type: text/plain;charset=US-ASCII},
 * {@code Content-Length}, {@code Connection: close}, and the verdict's reason on one line. It never quotes the
 * refused request.
 */
public final class Refusal {

    /** The Content-Type of a refusal. */
    public static final String CONTENT_TYPE = "text/plain;charset=US-ASCII";

    private Refusal() {
    }

    /** The body: the reason and a line feed. */
    public static byte[] body(Verdict verdict) {
        return (verdict.reason() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The whole HTTP/1.1 response, for a layer that writes bytes rather than a response object. */
    public static byte[] response(Verdict verdict) {
        byte[] body = body(verdict);
        String head = "HTTP/1.1 " + verdict.status() + " " + reasonPhrase(verdict.status()) + "\r\n"
                + "Content-Type: " + CONTENT_TYPE + "\r\nContent-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] bytes = new byte[head.length() + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, head.length());
        System.arraycopy(body, 0, bytes, head.length(), body.length);
        return bytes;
    }

    /** The reason phrase of the statuses albtarget refuses with. */
    public static String reasonPhrase(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 501:
                return "Not Implemented";
            case 503:
                return "Service Unavailable";
            default:
                return "Error";
        }
    }
}
