package io.albtarget.servlet.tomcat;

import io.albtarget.AlbSettings;
import io.albtarget.check.CheckTarget;
import io.albtarget.check.SelfCheck;
import io.albtarget.internal.Durations;
import io.albtarget.internal.Log;
import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Makes a Tomcat connector fit to serve behind an ALB: guarded by {@link AlbHttp11NioProtocol}, and keeping idle
 * connections open longer than the ALB does.
 *
 * <pre>{@code
 * Tomcat tomcat = new Tomcat();
 * tomcat.setConnector(AlbTomcat.connector(8080, settings));
 * }</pre>
 *
 * <p>Tomcat closes idle connections on two timers: {@code connectionTimeout} before the first request on a
 * connection, {@code keepAliveTimeout} between requests (it inherits {@code connectionTimeout} when unset). Both
 * default to 60 s embedded, the ALB's own default idle timeout, so Tomcat can close a connection just as the ALB
 * reuses it (an HTTP 502 for the client). {@link #tune} raises both, and lifts Tomcat's limit of 100 requests per
 * connection, unless the user set a value: then it keeps the user's value and logs a warning if it is too low.
 *
 * <p>Static methods only; they change the connector they are given and are safe to call from any thread that
 * may configure it.
 */
public final class AlbTomcat {

    private static final Log LOG = Log.of(AlbTomcat.class);

    /** Tomcat's {@code connectionTimeout} when nobody set it (embedded; {@code server.xml} sets 20000). */
    private static final int TOMCAT_CONNECTION_TIMEOUT = 60_000;
    /** Tomcat's {@code maxKeepAliveRequests} when nobody set it. */
    private static final int TOMCAT_MAX_KEEP_ALIVE_REQUESTS = 100;

    private AlbTomcat() {
    }

    /**
     * A connector on {@code port} using {@link AlbHttp11NioProtocol}, {@link #tune tuned} for the settings; with
     * {@code alb.enabled=false}, a plain {@link Http11NioProtocol} connector as Tomcat makes it.
     *
     * @param port the port to listen on, 0 for any free port
     * @throws IllegalArgumentException if {@code port} is not from 0 to 65535
     */
    public static Connector connector(int port, AlbSettings settings) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "'port' must be from 0 to 65535, but was %d", port));
        }
        Class<?> protocol = settings.enabled() ? AlbHttp11NioProtocol.class : Http11NioProtocol.class;
        Connector connector = new Connector(protocol.getName());
        connector.setPort(port);
        tune(connector, settings);
        return connector;
    }

    /**
     * Sets the connector's {@code connectionTimeout} and {@code keepAliveTimeout} to
     * {@link KeepAliveRequirement#serverIdleTimeout()} and its {@code maxKeepAliveRequests} to -1 (unlimited),
     * except where a value differs from Tomcat's default: that one is kept, with a warning if it is a timeout
     * shorter than the requirement. {@code maxKeepAliveRequests} is decided once the connector's socket is bound,
     * since Tomcat hides it until then. Does nothing with {@code alb.enabled=false}. Call it before the connector
     * starts.
     *
     * @throws IllegalArgumentException if the connector's protocol handler is not one of Tomcat's own protocols
     */
    public static void tune(Connector connector, AlbSettings settings) {
        Objects.requireNonNull(connector, "'connector' must not be null");
        Objects.requireNonNull(settings, "'settings' must not be null");
        if (!settings.enabled()) {
            return;
        }
        for (String warning : apply(connector, settings)) {
            LOG.warn(warning);
        }
    }

    /**
     * Keeps the connector's {@code maxKeepAliveRequests} as it is once bound, for an application that set it, even
     * to Tomcat's default of 100 (which {@link #tune} otherwise lifts, since on the connector alone a value set to
     * 100 and the default look the same). Call it after {@link #tune}, before the connector starts.
     */
    public static void keepRequestLimit(Connector connector) {
        for (LifecycleListener listener : connector.findLifecycleListeners()) {
            if (listener instanceof RequestLimit limit) {
                limit.keep();
            }
        }
    }

    /**
     * Puts a filter first in an embedded context's chain, for every request path and for asynchronous requests too.
     * Contexts made with {@code Tomcat.addContext} run no {@code ServletContainerInitializer}, so
     * {@link io.albtarget.servlet.AlbFilter} does not register itself there:
     * {@code AlbTomcat.addFilterFirst(context, new AlbFilter(settings))}. Call it before the context starts.
     */
    public static void addFilterFirst(Context context, Filter filter) {
        Objects.requireNonNull(context, "'context' must not be null");
        Objects.requireNonNull(filter, "'filter' must not be null");
        String name = filter.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(filter));
        FilterDef definition = new FilterDef();
        definition.setFilterName(name);
        definition.setFilter(filter);
        definition.setAsyncSupported("true");
        context.addFilterDef(definition);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName(name);
        mapping.addURLPattern("/*");
        context.addFilterMapBefore(mapping);
    }

    /**
     * The self-check of a connector that listens: the ALB's requests to its port over the loopback, and its
     * {@code keepAliveTimeout} against the ALB's idle timeout. Call {@link SelfCheck#start()} on it once Tomcat has
     * started: {@code AlbTomcat.selfCheck(tomcat.getConnector(), settings).start()}.
     *
     * @throws IllegalStateException if the connector does not listen
     * @throws IllegalArgumentException if the connector's protocol handler is not one of Tomcat's own protocols
     */
    public static SelfCheck selfCheck(Connector connector, AlbSettings settings) {
        Objects.requireNonNull(connector, "'connector' must not be null");
        Objects.requireNonNull(settings, "'settings' must not be null");
        if (connector.getLocalPort() <= 0) {
            throw new IllegalStateException("the connector on port " + connector.getPort()
                    + " does not listen yet: start Tomcat first");
        }
        AbstractProtocol<?> protocol = protocol(connector);
        boolean tls = protocol instanceof AbstractHttp11Protocol<?> http && http.isSSLEnabled();
        // Tomcat reads a negative keepAliveTimeout as "never time out"
        Duration keepAlive = Duration.ofMillis(Math.max(0, protocol.getKeepAliveTimeout()));
        return SelfCheck.of(settings, CheckTarget.local(connector.getLocalPort()).tls(tls)
                .serverIdleTimeout("Tomcat connector keepAliveTimeout", keepAlive));
    }

    private static AbstractProtocol<?> protocol(Connector connector) {
        ProtocolHandler handler = connector.getProtocolHandler();
        if (!(handler instanceof AbstractProtocol<?> protocol)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "'connector' must use one of Tomcat's protocols, but its protocol handler was %s", handler));
        }
        return protocol;
    }

    /** Tunes the connector and returns the warnings to log (or an empty list). */
    static List<String> apply(Connector connector, AlbSettings settings) {
        AbstractProtocol<?> protocol = protocol(connector);
        if (protocol instanceof AlbHttp11NioProtocol guarded) {
            guarded.policy(DesyncPolicy.of(settings));
        }
        KeepAliveRequirement requirement = KeepAliveRequirement.of(settings);
        List<String> warnings = new ArrayList<>();
        // read both before changing either: an unset keepAliveTimeout reports connectionTimeout's value
        int connectionTimeout = protocol.getConnectionTimeout();
        int keepAliveTimeout = protocol.getKeepAliveTimeout();
        protocol.setConnectionTimeout(millis(requirement.decide("Tomcat connector connectionTimeout",
                Duration.ofMillis(connectionTimeout), connectionTimeout != TOMCAT_CONNECTION_TIMEOUT, warnings)));
        protocol.setKeepAliveTimeout(millis(requirement.decide("Tomcat connector keepAliveTimeout",
                Duration.ofMillis(keepAliveTimeout), keepAliveTimeout != connectionTimeout, warnings)));
        if (protocol instanceof AbstractHttp11Protocol<?> http) {
            RequestLimit limit = new RequestLimit(connector, http);
            if (!limit.liftOnceBound()) {
                connector.addLifecycleListener(limit);
            }
        }
        LOG.info("albtarget: Tomcat connector on port " + connector.getPort() + ": connectionTimeout="
                + protocol.getConnectionTimeout() + ", keepAliveTimeout=" + protocol.getKeepAliveTimeout()
                + " (ALB idle timeout " + Durations.format(settings.idleTimeout()) + ")");
        return List.copyOf(warnings);
    }

    /**
     * Lifts Tomcat's default limit of requests per connection. Tomcat reports 1 (no keep-alive) until the
     * connector's socket is bound, which hides a value the user set, so the decision waits for the binding.
     */
    private static final class RequestLimit implements LifecycleListener {
        private final Connector connector;
        private final AbstractHttp11Protocol<?> protocol;
        private boolean done;
        private boolean kept;

        RequestLimit(Connector connector, AbstractHttp11Protocol<?> protocol) {
            this.connector = connector;
            this.protocol = protocol;
        }

        @Override
        public void lifecycleEvent(LifecycleEvent event) {
            liftOnceBound();
        }

        /** The application set the limit: it stays whatever it is. */
        synchronized void keep() {
            kept = true;
        }

        /** @return whether the decision is made */
        synchronized boolean liftOnceBound() {
            if (done || connector.getLocalPort() < 0) {
                return done;
            }
            done = true;
            int configured = protocol.getMaxKeepAliveRequests();
            if (configured == TOMCAT_MAX_KEEP_ALIVE_REQUESTS && !kept) {
                protocol.setMaxKeepAliveRequests(-1);
                LOG.info("albtarget: Tomcat connector on port " + connector.getLocalPort()
                        + ": maxKeepAliveRequests=-1");
            } else {
                LOG.info("albtarget: Tomcat connector on port " + connector.getLocalPort()
                        + ": maxKeepAliveRequests=" + configured + " (kept)");
            }
            return true;
        }
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
