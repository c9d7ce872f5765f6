package io.albtarget.tls;

import io.albtarget.internal.Durations;
import io.albtarget.internal.Printable;
import java.time.Duration;
import java.util.Objects;

/**
 * Tests whether a running HTTPS server accepts the TLS handshake the ALB makes to it, for each back-end policy.
 *
 * <p>The ALB connects to an HTTPS target as a client offering exactly one {@link BackendPolicy}, with no SNI, no
 * certificate validation and a 10 s limit. A target that does not meet the offer fails every handshake: clients
 * get HTTP 502 and the target fails its health checks ({@code Target.FailedHealthChecks}). This self-test makes
 * the same handshakes against a host and port, usually the application's own HTTPS connector on loopback:
 * <pre>{@code
 * TlsSelfTest test = TlsSelfTest.of("127.0.0.1", 8443);
 * PolicyResult result = test.run(BackendPolicy.of(settings.tlsBackendPolicy()));
 * if (!result.passed()) {
 *     log.warn("{}", result.reason());    // e.g. "the server demands SNI; the ALB sends none (...)"
 * }
 * }</pre>
 *
 * <p>The handshakes use BouncyCastle's low-level TLS API, which reads no JVM-wide security property and registers
 * no provider, so TLS 1.0 and 1.1 are offered as the ALB offers them without touching the settings of the server
 * under test. BouncyCastle is an optional dependency ({@code org.bouncycastle:bctls-jdk18on:1.84} and
 * {@code bcpkix-jdk18on:1.84}); without it {@link #run} returns a {@link PolicyResult.Status#SKIP SKIP} result.
 *
 * <p>A run against a passing target makes one handshake per protocol version and per suite, about 25 handshakes per
 * policy, each on a new connection; on loopback a warm run takes well under a second.
 *
 * <p>Instances are immutable and thread-safe; runs do not share connections.
 */
public final class TlsSelfTest {

    /** How long the ALB waits for a target's connection and handshake before it gives up. */
    public static final Duration ALB_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;

    private TlsSelfTest(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.connectTimeout = builder.connectTimeout;
        this.handshakeTimeout = builder.handshakeTimeout;
    }

    /**
     * A self-test of a host and port with the ALB's timeouts.
     *
     * @throws IllegalArgumentException if the host is blank or the port is outside 1-65535
     */
    public static TlsSelfTest of(String host, int port) {
        return builder(host, port).build();
    }

    /**
     * A builder for a self-test of a host and port; the timeouts default to the ALB's 10 s.
     *
     * @throws IllegalArgumentException if the host is blank or the port is outside 1-65535
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Whether the self-test can run: BouncyCastle's TLS and PKIX jars are on albtarget-core's class path. */
    public static boolean available() {
        return BouncyCastle.available();
    }

    /**
     * Tests one policy: the full offer, then one handshake per protocol version and per suite, and, when the full
     * offer fails, the handshakes that find out why. Never throws for anything the server does; an unreachable
     * server is a {@link PolicyResult.Status#FAIL FAIL} whose reason says so.
     *
     * @return the result; {@link PolicyResult.Status#SKIP SKIP} when BouncyCastle is not on the class path
     */
    public PolicyResult run(BackendPolicy policy) {
        Objects.requireNonNull(policy, "'policy' must not be null");
        if (!BouncyCastle.available()) {
            return PolicyResult.skipped(policy, BouncyCastle.MISSING);
        }
        return PolicyProbe.run(policy, new Handshaker(host, port, connectTimeout.toMillis(),
                handshakeTimeout.toMillis()), sniName());
    }

    /** The host name to try as SNI when the full offer fails: the host itself, or {@code localhost} for an IP. */
    private String sniName() {
        boolean ipLiteral = host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        return ipLiteral ? "localhost" : host;
    }

    /** The host tested. */
    public String host() {
        return host;
    }

    /** The port tested. */
    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return "TlsSelfTest[" + host + ":" + port + ", connect " + Durations.format(connectTimeout) + ", handshake "
                + Durations.format(handshakeTimeout) + "]";
    }

    /**
     * Builds a {@link TlsSelfTest}; not thread-safe.
     */
    public static final class Builder {

        private final String host;
        private final int port;
        private Duration connectTimeout = ALB_TIMEOUT;
        private Duration handshakeTimeout = ALB_TIMEOUT;

        private Builder(String host, int port) {
            Objects.requireNonNull(host, "'host' must not be null");
            if (host.isBlank()) {
                throw new IllegalArgumentException("'host' must not be blank, but was '" + Printable.of(host) + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'port' must be between 1 and 65535, but was " + port);
            }
            this.host = host.strip();
            this.port = port;
        }

        /**
         * How long to wait for the TCP connection; default 10 s, the ALB's.
         *
         * @return this builder (for chaining)
         * @throws IllegalArgumentException if not between 1 ms and 60 s
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = checked("connectTimeout", timeout);
            return this;
        }

        /**
         * How long one TLS handshake may take once connected, however the server trickles its bytes; default 10 s,
         * the ALB's.
         *
         * @return this builder (for chaining)
         * @throws IllegalArgumentException if not between 1 ms and 60 s
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = checked("handshakeTimeout", timeout);
            return this;
        }

        /** The self-test. */
        public TlsSelfTest build() {
            return new TlsSelfTest(this);
        }

        private static Duration checked(String name, Duration timeout) {
            Objects.requireNonNull(timeout, "'" + name + "' must not be null");
            if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("'" + name + "' must be between 1ms and 60s, but was " + timeout);
            }
            return timeout;
        }
    }
}
