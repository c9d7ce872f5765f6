package io.albtarget.compat.matrix;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@link SpringApp} on Tomcat, on Jetty, and on WebFlux with Reactor Netty, with albtarget's auto-configuration
 * under the {@code alb.*} properties of the settings, or without it and with the server's idle timeout property at
 * the baseline's value.
 */
enum SpringServers {
    /** Spring MVC on Tomcat, Boot's default; Jetty is on the class path too. */
    TOMCAT(List.of("org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration"),
            Map.of(), "server.tomcat.connection-timeout"),
    /** Spring MVC on Jetty. */
    JETTY(List.of("org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration"),
            Map.of(), "server.jetty.connection-idle-timeout"),
    /** WebFlux on Reactor Netty, although Tomcat, Jetty and the servlet API are on the class path. */
    WEBFLUX(List.of("org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration",
            "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration"),
            Map.of("spring.main.web-application-type", "reactive"), "server.netty.idle-timeout");

    private static final String ALBTARGET = "io.albtarget.spring.AlbAutoConfiguration";

    private final List<String> excluded;
    private final Map<String, String> properties;
    private final String idleTimeoutProperty;

    SpringServers(List<String> excluded, Map<String, String> properties, String idleTimeoutProperty) {
        this.excluded = excluded;
        this.properties = properties;
        this.idleTimeoutProperty = idleTimeoutProperty;
    }

    RunningServer start(Mode mode, AlbSettings settings, Optional<Duration> baselineIdleTimeout) {
        List<String> exclude = new ArrayList<>(excluded);
        Map<String, Object> all = new HashMap<>(properties);
        all.put("server.address", "127.0.0.1");
        all.put("server.port", "0");
        all.put("spring.main.banner-mode", "off");
        // the fixture stops the application; a JVM exit must not wait for every drain
        all.put("spring.main.register-shutdown-hook", "false");
        if (mode == Mode.ALBTARGET) {
            all.putAll(AlbProperties.of(settings));
        } else {
            exclude.add(ALBTARGET);
            baselineIdleTimeout.ifPresent(idle -> all.put(idleTimeoutProperty, idle.toMillis() + "ms"));
        }
        all.put("spring.autoconfigure.exclude", String.join(",", exclude));
        HealthDependency dependency = new HealthDependency();
        ConfigurableApplicationContext application = new SpringApplicationBuilder(SpringApp.class)
                .properties(all)
                .initializers(context -> context.getBeanFactory().registerSingleton("healthDependency", dependency))
                .run();
        int port = ((WebServerApplicationContext) application).getWebServer().getPort();
        return new RunningServer(port, application::close, () -> {
            application.getBeanProvider(AlbTarget.class).ifAvailable(target -> target.drain().cutShort());
            if (this != WEBFLUX) {
                // Reactor Netty's graceful shutdown never reports back for a server already stopped, which would
                // hold the close for spring.lifecycle.timeout-per-shutdown-phase (30 s): there it waits for the
                // requests in flight instead
                ((WebServerApplicationContext) application).getWebServer().stop();
            }
            application.close();
        }, mode == Mode.ALBTARGET ? dependency : null);
    }
}
