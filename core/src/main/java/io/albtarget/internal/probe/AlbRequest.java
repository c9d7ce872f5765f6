package io.albtarget.internal.probe;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bytes of one HTTP/1.1 request as the ALB sends it to a target.
 *
 * <p>{@link #healthCheck} is the health checker's request byte for byte, as captured from a real ALB: request line,
 * {@code Host}, {@code Connection: close}, {@code User-Agent: ELB-HealthChecker/2.0},
 * {@code Accept-Encoding: gzip, compressed}, each line ending in CRLF, and no body.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AlbRequest {

    /** The health checker's {@code User-Agent}. */
    public static final String HEALTH_CHECKER = "ELB-HealthChecker/2.0";

    private final String text;

    private AlbRequest(String text) {
        this.text = text;
    }

    /**
     * The ALB health checker's request.
     *
     * @param path the health-check path, with query if any, e.g. {@code /health}
     * @param host the {@code Host} value: the target's IP, followed by {@code :port} unless the port is 80 or 443
     */
    public static AlbRequest healthCheck(String path, String host) {
        return of("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Connection: close\r\n"
                + "User-Agent: " + HEALTH_CHECKER + "\r\n"
                + "Accept-Encoding: gzip, compressed\r\n"
                + "\r\n");
    }

    /**
     * A request the ALB forwards on a connection it keeps for reuse: no {@code Connection} header, so HTTP/1.1
     * keep-alive applies.
     */
    public static AlbRequest forwarded(String path, String host) {
        return of("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "X-Forwarded-For: 192.0.2.10\r\n"
                + "X-Forwarded-Proto: http\r\n"
                + "X-Forwarded-Port: 80\r\n"
                + "\r\n");
    }

    /**
     * The {@code Host} the health checker sends to this target: its IP address (IPv6 in brackets), followed by
     * {@code :port} unless the port is the protocol's default, 443 with TLS, else 80.
     */
    public static String healthCheckHost(InetSocketAddress target, boolean tls) {
        String ip = target.getAddress().getHostAddress();
        String literal = target.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip;
        return target.getPort() == (tls ? 443 : 80) ? literal : literal + ":" + target.getPort();
    }

    /** A request of exactly these characters (ISO-8859-1), for requests the ALB would never send as they are. */
    public static AlbRequest of(String text) {
        Objects.requireNonNull(text, "'text' must not be null");
        return new AlbRequest(text);
    }

    byte[] bytes() {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request with CR and LF shown as {@code \r} and {@code \n}, for evidence in a report. */
    @Override
    public String toString() {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }
}
