package io.albtarget.health;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the health endpoint answers: a status, the headers, and a small JSON body.
 *
 * <p>Integrations write {@link #headers()} as they are, and the body unless the request was HEAD; the headers
 * already hold the GET body's Content-Length. The answers of a healthy or unhealthy target are made once and
 * shared, so answering a health check allocates nothing unless indicator details are asked for.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HealthAnswer {

    private final int status;
    private final byte[] body;
    private final Map<String, String> headers;

    HealthAnswer(int status, String json) {
        this.status = status;
        this.body = json.getBytes(StandardCharsets.UTF_8);
        this.headers = json.isEmpty()
                ? Map.of("Content-Length", "0", "Cache-Control", "no-store")
                : Map.of("Content-Type", "application/json", "Content-Length", Integer.toString(body.length),
                        "Cache-Control", "no-store");
    }

    /** The HTTP status: the matcher's code when healthy, 503 otherwise. */
    public int status() {
        return status;
    }

    /** The response headers, Content-Length included. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body, empty for a 204. */
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

    @Override
    public String toString() {
        return status + " " + new String(body, StandardCharsets.UTF_8);
    }
}
