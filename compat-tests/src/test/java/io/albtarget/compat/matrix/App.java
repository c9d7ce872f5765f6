package io.albtarget.compat.matrix;

import java.nio.charset.StandardCharsets;

/**
 * What the application answers on every server of the matrix, so that a test tells the servers apart by their
 * behaviour only.
 *
 * <ul>
 *   <li>{@code GET}, {@code HEAD} and {@code POST} on {@code /} and {@code /echo}: 200, {@code text/plain},
 *       {@link #BODY} with its {@code Content-Length}; a {@code POST} reads its whole body first.</li>
 *   <li>{@code GET /slow?ms=N}: the same, after N milliseconds.</li>
 *   <li>With albtarget, the health-check path is albtarget's; the application's health depends on one
 *       {@link HealthDependency}.</li>
 * </ul>
 */
final class App {

    /** The body of every 200. */
    static final String BODY = "ok\n";
    /** {@link #BODY} as bytes. */
    static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.US_ASCII);
    /** The content type of every 200. */
    static final String CONTENT_TYPE = "text/plain";
    /** The path that answers after {@code ?ms=N} milliseconds. */
    static final String SLOW = "/slow";

    private App() {
    }
}
