package io.albtarget.compat.matrix;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.check.SelfCheck;
import io.albtarget.servlet.AlbFilter;
import io.albtarget.servlet.jetty.AlbJetty;
import io.albtarget.servlet.tomcat.AlbTomcat;
import io.albtarget.servlet.tomcat.EmbeddedTomcat;
import io.albtarget.servlet.undertow.AlbUndertow;
import io.albtarget.spi.HealthIndicator;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat, Jetty and Undertow serving the {@link AppServlet}: with albtarget as its README has it for a plain servlet
 * application (the container's guard and tuning, {@link AlbFilter} first in the chain, a target the owner starts once
 * the server listens and drains before the container stops), or as the container comes with its idle timeout
 * scaled: Tomcat's {@code connectionTimeout} (which {@code keepAliveTimeout} inherits), Jetty's connector idle
 * timeout, Undertow's {@code NO_REQUEST_TIMEOUT}.
 */
final class ServletServers {

    private static final String HOST = "127.0.0.1";

    private ServletServers() {
    }

    static RunningServer tomcat(Mode mode, AlbSettings settings, Optional<Duration> baselineIdleTimeout) {
        return start(mode, settings, baselineIdleTimeout, ServletServers::tomcat);
    }

    static RunningServer jetty(Mode mode, AlbSettings settings, Optional<Duration> baselineIdleTimeout) {
        return start(mode, settings, baselineIdleTimeout, ServletServers::jetty);
    }

    static RunningServer undertow(Mode mode, AlbSettings settings, Optional<Duration> baselineIdleTimeout) {
        return start(mode, settings, baselineIdleTimeout, ServletServers::undertow);
    }

    /** A container that started serving the application. */
    private record Container(int port, @Nullable SelfCheck selfCheck, Runnable stop) {
    }

    /**
     * Starts a container serving the application: behind this filter and tuned for the settings, or without a
     * filter and with its idle timeout in milliseconds.
     */
    @FunctionalInterface
    private interface Starter {
        Container start(@Nullable AlbFilter filter, AlbSettings settings, int baselineIdleMillis) throws Exception;
    }

    private static RunningServer start(Mode mode, AlbSettings settings, Optional<Duration> baselineIdleTimeout,
            Starter starter) {
        int baselineIdleMillis = Math.toIntExact(baselineIdleTimeout.orElseThrow().toMillis());
        try {
            if (mode == Mode.BASELINE) {
                Container container = starter.start(null, settings, baselineIdleMillis);
                return new RunningServer(container.port(), container.stop(), container.stop(), null);
            }
            HealthDependency dependency = new HealthDependency();
            AlbTarget target = AlbTarget.create(settings);
            target.health().register(new DependencyIndicator(dependency));
            Container container = starter.start(new AlbFilter(target), settings, baselineIdleMillis);
            target.start();
            SelfCheck selfCheck = container.selfCheck();
            selfCheck.start();
            return new RunningServer(container.port(), () -> {
                selfCheck.stop();
                target.drain().run();
                container.stop().run();
            }, () -> {
                selfCheck.stop();
                target.drain().cutShort();
                container.stop().run();
            }, dependency);
        } catch (Exception e) {
            throw new IllegalStateException("the server did not start", e);
        }
    }

    private static Container tomcat(@Nullable AlbFilter filter, AlbSettings settings, int baselineIdleMillis) {
        Connector connector;
        if (filter != null) {
            connector = AlbTomcat.connector(0, settings);
        } else {
            connector = new Connector();
            connector.setPort(0);
            connector.setProperty("connectionTimeout", String.valueOf(baselineIdleMillis));
        }
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(connector, context -> {
            if (filter != null) {
                AlbTomcat.addFilterFirst(context, filter);
            }
            Tomcat.addServlet(context, "app", new AppServlet()).addMapping("/");
        });
        return new Container(tomcat.port(), filter == null ? null : AlbTomcat.selfCheck(connector, settings),
                tomcat::close);
    }

    private static Container jetty(@Nullable AlbFilter filter, AlbSettings settings, int baselineIdleMillis)
            throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(HOST);
        connector.setPort(0);
        if (filter != null) {
            AlbJetty.apply(connector, settings);
        } else {
            connector.setIdleTimeout(baselineIdleMillis);
        }
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new AppServlet()), "/");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        return new Container(connector.getLocalPort(),
                filter == null ? null : AlbJetty.selfCheck(connector, settings), () -> {
                    try {
                        server.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException("Jetty did not stop", e);
                    }
                });
    }

    private static Container undertow(@Nullable AlbFilter filter, AlbSettings settings, int baselineIdleMillis)
            throws ServletException {
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(ServletServers.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("app")
                .addServlet(Servlets.servlet("app", AppServlet.class,
                        new ImmediateInstanceFactory<>(new AppServlet())).addMapping("/"));
        if (filter != null) {
            deployment.addFilter(Servlets.filter("albtarget", AlbFilter.class,
                    new ImmediateInstanceFactory<Filter>(filter)))
                    .addFilterUrlMapping("albtarget", "/*", DispatcherType.REQUEST);
        }
        DeploymentManager manager = Servlets.newContainer().addDeployment(deployment);
        manager.deploy();
        HttpHandler handler = manager.start();
        Runnable undeploy = () -> {
            try {
                manager.stop();
            } catch (ServletException e) {
                throw new IllegalStateException("the deployment did not stop", e);
            }
            manager.undeploy();
        };
        if (filter != null) {
            AlbUndertow.Server server = AlbUndertow.start(handler, HOST, 0, settings);
            return new Container(server.port(), server.selfCheck(), () -> {
                server.close();
                undeploy.run();
            });
        }
        Undertow undertow = Undertow.builder().addHttpListener(0, HOST).setHandler(handler)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, baselineIdleMillis)
                .build();
        undertow.start();
        return new Container(((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort(), null,
                () -> {
                    undertow.stop();
                    undeploy.run();
                });
    }

    /** The application's health dependency as an albtarget indicator. */
    private static final class DependencyIndicator implements HealthIndicator {
        private final HealthDependency dependency;

        DependencyIndicator(HealthDependency dependency) {
            this.dependency = dependency;
        }

        @Override
        public String name() {
            return "dependency";
        }

        @Override
        public Status check() throws InterruptedException {
            dependency.await();
            return Status.UP;
        }
    }
}
