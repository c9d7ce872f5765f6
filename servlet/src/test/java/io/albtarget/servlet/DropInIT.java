package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drop-in path: a web application deployed the way a WAR is, with no albtarget code at all, gets the filter
 * from albtarget-servlet's {@code ServletContainerInitializer}, configured from context init-params.
 */
class DropInIT {

    @TempDir
    Path dir;

    private Tomcat tomcat;

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private int deploy(String... initParams) throws Exception {
        return deploy(null, initParams);
    }

    /** Deploys the webapp, with a listener of the application's own declared in it when given. */
    private int deploy(@Nullable Class<? extends ServletContextListener> listener, String... initParams)
            throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("base").toString());
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Path webapp = Files.createDirectories(dir.resolve("webapp"));
        Files.writeString(webapp.resolve("index.html"), "home\n");
        Context context = tomcat.addWebapp("", webapp.toString());
        for (int i = 0; i < initParams.length; i += 2) {
            context.addParameter(initParams[i], initParams[i + 1]);
        }
        if (listener != null) {
            context.addApplicationListener(listener.getName());
        }
        tomcat.start();
        return tomcat.getConnector().getLocalPort();
    }

    private static String albHealthCheck(String path, int port) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                + "User-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n\r\n";
    }

    @Test
    void deployedWebappGetsTheFilterWithoutCode() throws Exception {
        int port = deploy();
        assertThat(RawHttp.exchange(port, albHealthCheck("/health", port)).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(RawHttp.exchange(port, "GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n\r\n").body()).isEqualTo("home\n");
        RawHttp.Response foreign = RawHttp.exchange(port, "GET /index.html HTTP/1.1\r\nHost: 203.0.113.9\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).isEqualTo("Host is not an address of this target\n");
    }

    @Test
    void contextInitParamsConfigureIt() throws Exception {
        int port = deploy("alb.health-check.path", "/ready", "alb.health-check.matcher", "202");
        assertThat(RawHttp.exchange(port, albHealthCheck("/ready", port)).status()).isEqualTo(202);
        assertThat(RawHttp.exchange(port, albHealthCheck("/health", port)).status()).isEqualTo(404);
    }

    /**
     * Registers an albtarget filter of the application's own once every initializer has run, as a listener the
     * webapp declares may: so the initializer's filter is registered first, whatever order initializers run in.
     */
    public static final class RegistersItsOwnFilter implements ServletContextListener {
        static volatile String name = "";
        static volatile @Nullable AlbTarget target;

        @Override
        public void contextInitialized(ServletContextEvent event) {
            event.getServletContext().addFilter(name, new AlbFilter(Objects.requireNonNull(target)))
                    .addMappingForUrlPatterns(null, false, "/*");
        }
    }

    // Tomcat starts a context's filters in the hash order of their names: these two start before and after the
    // initializer's, so that neither order decides which filter acts
    @ParameterizedTest(name = "application filter ''{0}''")
    @ValueSource(strings = {"application", "albtargetFilter"})
    @DisplayName("an application that registers its own albtarget filter, as Spring Boot in a WAR does, gets that one")
    void theApplicationsOwnFilterActsAndTheInitializersStepsAside(String name) throws Exception {
        AlbTarget target = AlbTarget.create(AlbSettings.builder().healthCheckPath("/owned").build());
        target.start();
        RegistersItsOwnFilter.name = name;
        RegistersItsOwnFilter.target = target;
        int port = deploy(RegistersItsOwnFilter.class);

        assertThat(RawHttp.exchange(port, albHealthCheck("/owned", port)).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(RawHttp.exchange(port, albHealthCheck("/health", port)).status())
                .as("the initializer's filter, which would answer /health, passes it through").isEqualTo(404);
        target.drain().cutShort();
        assertThat(RawHttp.exchange(port, albHealthCheck("/owned", port)).body())
                .isEqualTo("{\"status\":\"STOPPED\"}");
    }

    @Test
    void switchedOffByAnInitParam() throws Exception {
        int port = deploy("alb.enabled", "false");
        assertThat(RawHttp.exchange(port, "GET /index.html HTTP/1.1\r\nHost: 203.0.113.9\r\n"
                + "Connection: close\r\n\r\n").status()).isEqualTo(200);
    }

    @Test
    void anInvalidSettingStopsTheApplicationFromStarting() throws Exception {
        int port = deploy("alb.health-check.interval", "2s");
        assertThat(RawHttp.exchange(port, albHealthCheck("/health", port)).status())
                .as("the context failed to start, so nothing is served").isEqualTo(404);
    }
}
