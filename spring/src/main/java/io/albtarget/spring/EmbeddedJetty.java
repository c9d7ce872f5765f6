package io.albtarget.spring;

import io.albtarget.AlbSettings;
import io.albtarget.check.SelfCheck;
import io.albtarget.servlet.jetty.AlbJetty;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * albtarget on Spring Boot's embedded Jetty: {@link AlbJetty#apply} on each of the server's connectors puts the
 * guard ahead of Jetty's parser and keeps idle connections open longer than the ALB does.
 *
 * <p>It goes ahead of every other server customizer, Spring Boot's own included, so that what the application
 * configures lands on top of it: {@code server.jetty.connection-idle-timeout} is kept when set, and warned about
 * at startup and reported by the self-check ({@code keep-alive.configured}) when below the requirement.
 */
final class EmbeddedJetty implements WebServerFactoryCustomizer<JettyServletWebServerFactory>, ServerSelfCheck,
        Ordered {

    static final String IDLE_TIMEOUT = "server.jetty.connection-idle-timeout";

    private final AlbSettings settings;
    private final Environment environment;

    EmbeddedJetty(AlbSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        List<JettyServerCustomizer> customizers = new ArrayList<>();
        customizers.add(server -> {
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    AlbJetty.apply(serverConnector, settings);
                }
            }
        });
        customizers.addAll(factory.getServerCustomizers());
        factory.setServerCustomizers(customizers);
        ExplicitIdleTimeouts.warnBelowRequirement(environment, settings, IDLE_TIMEOUT);
    }

    @Override
    public @Nullable SelfCheck of(WebServer server) {
        if (!(server instanceof JettyWebServer jetty)) {
            return null;
        }
        for (Connector connector : jetty.getServer().getConnectors()) {
            if (connector instanceof ServerConnector serverConnector
                    && serverConnector.getLocalPort() == jetty.getPort()) {
                return AlbJetty.selfCheck(serverConnector, settings);
            }
        }
        return null;
    }

    /** Last of the factory customizers, so that its server customizer goes ahead of those of all. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
