package io.albtarget;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response albtarget gives itself, rather than the application: the answer to a health check, or the refusal of
 * a request. Every integration writes it the same way, whatever its server: the status, {@link #headers()} as they
 * are (they hold the body's Content-Length already, and {@code Connection: close} where the connection must end),
 * then the body unless the request was HEAD. A layer that writes bytes rather than a response object writes
 * {@link #wire()}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Answer {

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private Answer(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * An answer with a status, a body of this type, and any further headers in the order given; Content-Type (for a
     * non-empty body) and Content-Length are added.
     */
    public static Answer of(int status, String contentType, byte[] body, String... moreHeaders) {
        if (moreHeaders.length % 2 != 0) {
            throw new IllegalArgumentException("headers come as name, value pairs");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (body.length > 0) {
            headers.put("Content-Type", contentType);
        }
        headers.put("Content-Length", Integer.toString(body.length));
        for (int i = 0; i < moreHeaders.length; i += 2) {
            headers.put(moreHeaders[i], moreHeaders[i + 1]);
        }
        return new Answer(status, Collections.unmodifiableMap(headers), body.clone());
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The response headers in the order to write them, Content-Length included. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body. */
    public byte[] body() {
        return body.clone();
    }

    /**
     * Writes the body, without the copy {@link #body()} makes.
     *
     * @throws IOException if the stream does
     */
    public void writeBody(OutputStream out) throws IOException {
        out.write(body);
    }

    /** The whole HTTP/1.1 response, status line, headers and body, for a layer that writes bytes. */
    public byte[] wire() {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase(status))
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
        System.arraycopy(body, 0, bytes, headBytes.length, body.length);
        return bytes;
    }

    /** The reason phrase of the statuses albtarget answers with, for {@link #wire()}. */
    private static String reasonPhrase(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 501:
                return "Not Implemented";
            case 503:
                return "Service Unavailable";
            default:
                return "";
        }
    }

    /** The status and the body as text, e.g. {@code 503 {"status":"DRAINING"}}. */
    @Override
    public String toString() {
        return status + " " + new String(body, StandardCharsets.UTF_8);
    }
}
