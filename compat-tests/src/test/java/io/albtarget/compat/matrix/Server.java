package io.albtarget.compat.matrix;

import io.albtarget.AlbSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Every server albtarget supports, each started in-process on 127.0.0.1 and an ephemeral port, serving the same
 * {@link App}, with albtarget ({@link Mode#ALBTARGET}, under the settings given) or as its baseline
 * ({@link Mode#BASELINE}: the same application without albtarget, at the server's defaults).
 *
 * <p>A baseline keeps every default but its idle timeout, scaled by 1/30 as the tests play the ALB's 60 s idle
 * timeout as 2 s, so that a test sees the server's idle close in the proportion it has to the ALB's:
 *
 * <table>
 *   <caption>Baseline idle timeouts: the default, its source, and the value the baseline runs with</caption>
 *   <tr><th>Server</th><th>Default idle timeout</th><th>Source</th><th>Baseline</th></tr>
 *   <tr><td>Tomcat 11</td><td>60 s: {@code connectionTimeout}, which {@code keepAliveTimeout} inherits</td>
 *       <td>embedded Tomcat's default, measured 60.2 s</td><td>2 s ({@code connectionTimeout})</td></tr>
 *   <tr><td>Jetty 12.1</td><td>30 s: {@code ServerConnector} idle timeout</td>
 *       <td>Jetty's default, measured 30.0 s</td><td>1 s</td></tr>
 *   <tr><td>Undertow 2.3</td><td>60 s: {@code NO_REQUEST_TIMEOUT}</td>
 *       <td>set by {@code Undertow.builder()}, measured 60.0 s</td><td>2 s</td></tr>
 *   <tr><td>Spring Boot on Tomcat</td><td>60 s: Tomcat's, Boot sets none</td>
 *       <td>measured 60.7 s with Boot 4.0.7</td><td>2 s ({@code server.tomcat.connection-timeout})</td></tr>
 *   <tr><td>Spring Boot on Jetty</td><td>30 s: Jetty's, {@code server.jetty.connection-idle-timeout} has no
 *       default in Boot 4.0.7</td><td>{@code JettyServerProperties}</td>
 *       <td>1 s ({@code server.jetty.connection-idle-timeout})</td></tr>
 *   <tr><td>Micronaut 4 (Netty)</td><td>5 min: {@code micronaut.server.idle-timeout}</td>
 *       <td>{@code NettyHttpServerConfiguration}, measured 300.1 s</td><td>10 s</td></tr>
 *   <tr><td>Spring WebFlux (Reactor Netty)</td><td>none: Reactor Netty never closes an idle connection</td>
 *       <td>{@code server.netty.idle-timeout} unset</td><td>not set</td></tr>
 * </table>
 * The measurements are those of the project's survey of server defaults (raw-socket probes, 2026-11-24).
 *
 * <p>With albtarget, each server is set up as albtarget documents it: Tomcat, Jetty and Undertow through
 * albtarget-servlet's adapters and {@code AlbFilter}, with a target the owner starts and drains; Spring Boot and
 * Micronaut through their integrations, given the settings as {@code alb.*} properties. The application's health
 * depends on a {@link HealthDependency}, asked by the health indicator the platform integrates.
 *
 * <p>Beyond that the servers keep their defaults, except Reactor Netty's event loop: one thread, stopped with the
 * application without a quiet period.
 */
enum Server {
    TOMCAT("Tomcat", Duration.ofSeconds(2), ServletServers::tomcat),
    JETTY("Jetty", Duration.ofSeconds(1), ServletServers::jetty),
    UNDERTOW("Undertow", Duration.ofSeconds(2), ServletServers::undertow),
    SPRING_BOOT_TOMCAT("Spring Boot (Tomcat)", Duration.ofSeconds(2), SpringServers.TOMCAT::start),
    SPRING_BOOT_JETTY("Spring Boot (Jetty)", Duration.ofSeconds(1), SpringServers.JETTY::start),
    MICRONAUT("Micronaut", Duration.ofSeconds(10), MicronautServer::start),
    SPRING_WEBFLUX("Spring WebFlux", null, SpringServers.WEBFLUX::start);

    /**
     * The servers named in the system property {@code albtarget.matrix.servers} (e.g.
     * {@code -Dalbtarget.matrix.servers=JETTY,MICRONAUT}), or all of them.
     */
    static Stream<Server> selected() {
        String names = System.getProperty("albtarget.matrix.servers", "").strip();
        return names.isEmpty() ? Stream.of(values())
                : Arrays.stream(names.split(",")).map(String::strip).map(Server::valueOf);
    }

    /** Starts a server, given its baseline idle timeout. */
    @FunctionalInterface
    interface Starter {
        RunningServer start(Mode mode, AlbSettings settings, Optional<Duration> baselineIdleTimeout);
    }

    private final String displayName;
    private final Optional<Duration> baselineIdleTimeout;
    private final Starter starter;

    Server(String displayName, @Nullable Duration baselineIdleTimeout, Starter starter) {
        this.displayName = displayName;
        this.baselineIdleTimeout = Optional.ofNullable(baselineIdleTimeout);
        this.starter = starter;
    }

    /** The server's name as people know it, e.g. {@code Spring Boot (Jetty)}. */
    String displayName() {
        return displayName;
    }

    /**
     * The idle timeout the baseline runs with, the server's default scaled as the table above has it; empty when
     * the server has none.
     */
    Optional<Duration> baselineIdleTimeout() {
        return baselineIdleTimeout;
    }

    /**
     * Starts the server with albtarget under these settings, or as its baseline (which ignores them), and returns
     * once it serves.
     */
    RunningServer start(Mode mode, AlbSettings settings) {
        return starter.start(mode, settings, baselineIdleTimeout);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
