package io.albtarget.spring;

import io.albtarget.AlbSettings;
import io.albtarget.check.SelfCheck;
import io.albtarget.internal.Log;
import io.albtarget.servlet.tomcat.AlbHttp11NioProtocol;
import io.albtarget.servlet.tomcat.AlbTomcat;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * albtarget on Spring Boot's embedded Tomcat: the connector uses {@link AlbHttp11NioProtocol}, whose guard reads
 * every request head ahead of Tomcat's parser, and {@link AlbTomcat#tune} keeps idle connections open longer than
 * the ALB does and lifts the limit of requests per connection.
 *
 * <p>The tuning goes ahead of every other connector customizer, Spring Boot's own included, so that what the
 * application configures lands on top of it: {@code server.tomcat.connection-timeout},
 * {@code server.tomcat.keep-alive-timeout} and {@code server.tomcat.max-keep-alive-requests} are kept when set,
 * and a timeout below the requirement is warned about at startup and reported by the self-check
 * ({@code keep-alive.configured}). Connectors the application adds itself are left alone.
 */
final class EmbeddedTomcat implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, ServerSelfCheck,
        Ordered {

    static final String CONNECTION_TIMEOUT = "server.tomcat.connection-timeout";
    static final String KEEP_ALIVE_TIMEOUT = "server.tomcat.keep-alive-timeout";
    static final String MAX_KEEP_ALIVE_REQUESTS = "server.tomcat.max-keep-alive-requests";

    private static final Log LOG = Log.of(EmbeddedTomcat.class);

    private final AlbSettings settings;
    private final Environment environment;

    EmbeddedTomcat(AlbSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        guard(factory);
        List<TomcatConnectorCustomizer> customizers = new ArrayList<>();
        customizers.add(connector -> AlbTomcat.tune(connector, settings));
        customizers.addAll(factory.getConnectorCustomizers());
        if (Binder.get(environment).bind(MAX_KEEP_ALIVE_REQUESTS, Integer.class).isBound()) {
            customizers.add(AlbTomcat::keepRequestLimit);
        }
        factory.setConnectorCustomizers(customizers);
        ExplicitIdleTimeouts.warnBelowRequirement(environment, settings, CONNECTION_TIMEOUT, KEEP_ALIVE_TIMEOUT);
    }

    private static void guard(TomcatServletWebServerFactory factory) {
        String protocol = factory.getProtocol();
        if (protocol.equals(TomcatWebServerFactory.DEFAULT_PROTOCOL)) {
            factory.setProtocol(AlbHttp11NioProtocol.class.getName());
        } else if (!protocol.equals(AlbHttp11NioProtocol.class.getName())) {
            LOG.warn("albtarget: the Tomcat connector keeps the protocol " + protocol + " the application chose;"
                    + " without " + AlbHttp11NioProtocol.class.getName() + " no guard reads request heads ahead"
                    + " of Tomcat's parser, which unfolds multi-line headers unseen");
        }
    }

    @Override
    public @Nullable SelfCheck of(WebServer server) {
        return server instanceof TomcatWebServer tomcat
                ? AlbTomcat.selfCheck(tomcat.getTomcat().getConnector(), settings)
                : null;
    }

    /** Last of the factory customizers, so that the tuning goes ahead of the connector customizers of all. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
