package io.albtarget.servlet.jetty;

import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.SelfCheck;
import io.albtarget.internal.Durations;
import io.albtarget.internal.Log;
import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;

/**
 * Makes a Jetty 12 connector behave as a target behind an ALB: a {@link io.albtarget.internal.http.RequestHeadGuard} on
 * every connection applies the ALB's desync rules ahead of Jetty's parser, exactly as on Tomcat and Undertow, and
 * idle connections outlive the ALB's idle timeout.
 *
 * <p>{@link #apply} puts a guarded HTTP/1.1 connection factory in place of the connector's own (same configuration,
 * same place in the chain, so TLS and ALPN keep working and the guard reads decrypted bytes). A refused head is
 * answered with albtarget's one-line refusal and the connection closed, after the answers to the requests before
 * it. Unless {@code alb.desync-mitigation-mode} is {@code monitor}, it also takes the connector's
 * {@link HttpCompliance} and disallows, whatever mode it started from, the violations the ALB calls ambiguous or
 * severe (multi-line field values, whitespace after a field name, a field line without a colon, two Host headers,
 * several Content-Lengths, Transfer-Encoding with Content-Length, bare LF line ends): a second line of defence,
 * should the connection factory be replaced after {@code apply}.
 *
 * <p>Keep-alive: the connector's {@code idleTimeout} (default 30 s, half the ALB's default 60 s) covers both the
 * wait for a first request and the idle time between requests; it is raised to {@code alb.idle-timeout} +
 * {@code alb.keep-alive.margin}. A value other than Jetty's default counts as the user's own: it is kept, with a
 * warning when it is too low. Jetty has no requests-per-connection cap to lift.
 *
 * <pre>{@code
 * ServerConnector connector = new ServerConnector(server);
 * connector.setPort(8080);
 * AlbJetty.apply(connector, settings);
 * server.addConnector(connector);
 * }</pre>
 */
public final class AlbJetty {

    private static final Log LOG = Log.of(AlbJetty.class);

    /** {@code ServerConnector}'s idle timeout when nobody set one. */
    static final Duration JETTY_DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpCompliance.Violation[] REFUSED = {
        HttpCompliance.Violation.MULTILINE_FIELD_VALUE,
        HttpCompliance.Violation.WHITESPACE_AFTER_FIELD_NAME,
        HttpCompliance.Violation.NO_COLON_AFTER_FIELD_NAME,
        HttpCompliance.Violation.DUPLICATE_HOST_HEADERS,
        HttpCompliance.Violation.MULTIPLE_CONTENT_LENGTHS,
        HttpCompliance.Violation.TRANSFER_ENCODING_WITH_CONTENT_LENGTH,
        HttpCompliance.Violation.LF_HEADER_TERMINATION,
        HttpCompliance.Violation.LF_CHUNK_TERMINATION,
    };

    private AlbJetty() {
    }

    /**
     * Applies albtarget's parser rules and keep-alive to a connector before it starts; does nothing when
     * {@code alb.enabled} is false.
     *
     * @throws IllegalArgumentException if the connector has no HTTP/1.1 connection factory
     */
    public static void apply(ServerConnector connector, AlbSettings settings) {
        Objects.requireNonNull(connector, "'connector' must not be null");
        if (!settings.enabled()) {
            return;
        }
        HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
        if (http == null) {
            throw new IllegalArgumentException("'connector' must have an HTTP/1.1 connection factory, but has "
                    + connector.getProtocols());
        }
        HttpConfiguration configuration = http.getHttpConfiguration();
        if (settings.desyncMitigationMode() != AlbSettings.DesyncMitigationMode.MONITOR) {
            HttpCompliance compliance = configuration.getHttpCompliance();
            configuration.setHttpCompliance(compliance.without(compliance.getName() + "+albtarget", REFUSED));
        }
        if (!(http instanceof GuardedHttpConnectionFactory)) {
            guard(connector, http, DesyncPolicy.of(settings));
        }
        for (String warning : keepAlive(connector, KeepAliveRequirement.of(settings))) {
            LOG.warn(warning);
        }
    }

    /**
     * Puts a guarded factory in place of the connector's HTTP/1.1 one, in the same place of the chain.
     */
    private static void guard(ServerConnector connector, HttpConnectionFactory http, DesyncPolicy policy) {
        GuardedHttpConnectionFactory guarded =
                new GuardedHttpConnectionFactory(http.getHttpConfiguration(), policy);
        guarded.setInputBufferSize(http.getInputBufferSize());
        List<ConnectionFactory> factories = new ArrayList<>();
        for (ConnectionFactory factory : connector.getConnectionFactories()) {
            factories.add(factory == http ? guarded : factory);
        }
        connector.setConnectionFactories(factories);
    }

    /**
     * The self-check of a connector that listens: the ALB's requests to its port over the loopback, and its
     * {@code idleTimeout} against the ALB's idle timeout. Call {@link SelfCheck#start()} on it once the server has
     * started.
     *
     * @throws IllegalStateException if the connector does not listen
     */
    public static SelfCheck selfCheck(ServerConnector connector, AlbSettings settings) {
        Objects.requireNonNull(connector, "'connector' must not be null");
        Objects.requireNonNull(settings, "'settings' must not be null");
        if (connector.getLocalPort() <= 0) {
            throw new IllegalStateException("the connector " + connector + " does not listen yet: start the server"
                    + " first");
        }
        boolean tls = connector.getConnectionFactory(SslConnectionFactory.class) != null;
        // Jetty reads an idle timeout of 0 or less as "never time out"
        Duration idle = Duration.ofMillis(Math.max(0, connector.getIdleTimeout()));
        return SelfCheck.of(settings, CheckTarget.local(connector.getLocalPort()).tls(tls)
                .serverIdleTimeout("Jetty connector idleTimeout", idle));
    }

    /** Sets the idle timeout, or keeps the user's; returns the warnings to log. */
    static List<String> keepAlive(ServerConnector connector, KeepAliveRequirement requirement) {
        List<String> warnings = new ArrayList<>();
        Duration configured = Duration.ofMillis(connector.getIdleTimeout());
        Duration decided = requirement.decide("Jetty connector idleTimeout", configured,
                !configured.equals(JETTY_DEFAULT_IDLE_TIMEOUT), warnings);
        connector.setIdleTimeout(decided.toMillis());
        LOG.debug(() -> "albtarget: Jetty connector idleTimeout " + Durations.format(decided));
        return warnings;
    }
}
