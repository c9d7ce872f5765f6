package io.albtarget.servlet;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.servlet.jetty.AlbJetty;
import io.albtarget.servlet.jetty.EmbeddedJetty;
import io.albtarget.servlet.tomcat.AlbTomcat;
import io.albtarget.servlet.tomcat.EmbeddedTomcat;
import io.albtarget.servlet.undertow.AlbUndertow;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The three servlet containers, started on 127.0.0.1 and an ephemeral port, either as they come (no albtarget)
 * or with albtarget: the container's guard on the connection and {@link AlbFilter} first in the chain.
 */
enum TestServers {
    TOMCAT(TestServers::tomcat),
    JETTY(TestServers::jetty),
    UNDERTOW(TestServers::undertow);

    /** A running server: its port, and how to stop it. */
    record Running(IntSupplier ports, AutoCloseable stopper) implements AutoCloseable {
        int port() {
            return ports.getAsInt();
        }

        @Override
        public void close() {
            try {
                stopper.close();
            } catch (Exception e) {
                throw new IllegalStateException("the server did not stop", e);
            }
        }
    }

    /**
     * Servers started one way, each on its first use, and stopped together: for a test class that sends many
     * requests to each server and needs no fresh one.
     */
    static final class Shared implements AutoCloseable {
        private final Function<TestServers, Running> start;
        private final Map<TestServers, Running> running = new EnumMap<>(TestServers.class);

        Shared(Function<TestServers, Running> start) {
            this.start = start;
        }

        synchronized Running get(TestServers server) {
            return running.computeIfAbsent(server, start);
        }

        @Override
        public synchronized void close() {
            running.values().forEach(Running::close);
            running.clear();
        }
    }

    private final BiFunction<AlbSettings, @Nullable AlbFilter, Running> starter;

    TestServers(BiFunction<AlbSettings, @Nullable AlbFilter, Running> starter) {
        this.starter = starter;
    }

    /** The servers named in the system property {@code albtarget.servers}, or all of them. */
    static Stream<TestServers> selected() {
        String names = System.getProperty("albtarget.servers", "").strip();
        return names.isEmpty() ? Stream.of(values())
                : Arrays.stream(names.split(",")).map(String::strip).map(TestServers::valueOf);
    }

    /** Every selected server with every one of the cases, as test arguments (server, case). */
    static Stream<Arguments> each(List<?> cases) {
        return selected().flatMap(server -> cases.stream().map(c -> Arguments.of(server, c)));
    }

    /**
     * The server with albtarget's guard and a filter serving a started target with these settings; switched off,
     * the server as albtarget leaves it, with no filter.
     */
    Running withAlbtarget(AlbSettings settings) {
        if (!settings.enabled()) {
            return starter.apply(settings, null);
        }
        AlbTarget target = AlbTarget.create(settings);
        target.start();
        return withAlbtarget(target);
    }

    /** The server with albtarget's guard and tuning for the target's settings, and a filter serving the target. */
    Running withAlbtarget(AlbTarget target) {
        return starter.apply(target.settings(), new AlbFilter(target));
    }

    /** The server as it comes. */
    Running native_() {
        return starter.apply(AlbSettings.defaults(), null);
    }

    /**
     * Answers 200 with the X-Test value it received, escaped, so a test sees what the parser made of it, and the
     * length of the body it read in X-Body-Length; with {@code ?ms=N}, after N milliseconds. With the query
     * {@code ?async}, the request goes async and another thread reads, answers and completes it; with
     * {@code ?async-twice}, it goes async, is dispatched back, and then goes async as with {@code ?async}.
     */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String query = request.getQueryString();
            if ("async-twice".equals(query) && request.getDispatcherType() == DispatcherType.REQUEST) {
                request.startAsync().dispatch();
                return;
            }
            if ("async".equals(query) || "async-twice".equals(query)) {
                AsyncContext async = request.startAsync();
                new Thread(() -> {
                    try {
                        echo(request, response);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        async.complete();
                    }
                }, "echo-async").start();
                return;
            }
            echo(request, response);
        }

        private static void echo(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int bodyLength = request.getInputStream().readAllBytes().length;
            String ms = request.getParameter("ms");
            if (ms != null) {
                try {
                    Thread.sleep(Long.parseLong(ms));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String value = request.getHeader("X-Test");
            byte[] body = ("x-test=" + (value == null ? "" : escape(value)) + "\n")
                    .getBytes(StandardCharsets.US_ASCII);
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setIntHeader("X-Body-Length", bodyLength);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        private static String escape(String value) {
            StringBuilder out = new StringBuilder();
            value.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                    : String.format("\\x%02x", c)));
            return out.toString();
        }
    }

    private static Running tomcat(AlbSettings settings, @Nullable AlbFilter filter) {
        Connector connector = filter != null ? AlbTomcat.connector(0, settings) : new Connector();
        connector.setPort(0);
        EmbeddedTomcat tomcat = EmbeddedTomcat.start(connector, context -> {
            if (filter != null) {
                AlbTomcat.addFilterFirst(context, filter);
            }
            Wrapper echo = Tomcat.addServlet(context, "echo", new EchoServlet());
            echo.setAsyncSupported(true);
            echo.addMapping("/");
        });
        return new Running(tomcat::port, tomcat::close);
    }

    private static Running jetty(AlbSettings settings, @Nullable AlbFilter filter) {
        EmbeddedJetty jetty = EmbeddedJetty.start(connector -> {
            if (filter != null) {
                // start from a lenient mode, so the test shows the guard is what refuses obs-fold
                connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                        .setHttpCompliance(HttpCompliance.RFC2616);
                AlbJetty.apply(connector, settings);
            }
        }, context -> {
            ServletHolder echo = new ServletHolder(new EchoServlet());
            echo.setAsyncSupported(true);
            context.addServlet(echo, "/*");
            if (filter != null) {
                FilterHolder albtarget = new FilterHolder(filter);
                albtarget.setAsyncSupported(true);
                context.addFilter(albtarget, "/*", EnumSet.of(DispatcherType.REQUEST));
            }
        });
        return new Running(jetty::port, jetty::close);
    }

    private static Running undertow(AlbSettings settings, @Nullable AlbFilter filter) {
        try {
            DeploymentInfo deployment = Servlets.deployment()
                    .setClassLoader(TestServers.class.getClassLoader())
                    .setContextPath("/")
                    .setDeploymentName("test")
                    // like Tomcat and Jetty, initialise filters at start, so a test can use AlbFilter before a request
                    .setEagerFilterInit(true)
                    .addServlet(Servlets.servlet("echo", EchoServlet.class,
                            new ImmediateInstanceFactory<>(new EchoServlet())).setAsyncSupported(true)
                            .addMapping("/*"));
            if (filter != null) {
                deployment.addFilter(Servlets.filter("albtarget", AlbFilter.class,
                        new ImmediateInstanceFactory<Filter>(filter)).setAsyncSupported(true))
                        .addFilterUrlMapping("albtarget", "/*", DispatcherType.REQUEST);
            }
            DeploymentManager manager = Servlets.newContainer().addDeployment(deployment);
            manager.deploy();
            HttpHandler handler = manager.start();
            if (filter != null) {
                AlbUndertow.Server server = AlbUndertow.start(handler, "127.0.0.1", 0, settings);
                return new Running(server::port, () -> {
                    server.close();
                    manager.stop();
                    manager.undeploy();
                });
            }
            Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
            undertow.start();
            return new Running(
                    () -> ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort(), () -> {
                        undertow.stop();
                        manager.stop();
                        manager.undeploy();
                    });
        } catch (Exception e) {
            throw new IllegalStateException("Undertow did not start", e);
        }
    }
}
