package io.albtarget.spring;

import static io.albtarget.servlet.GuardAssertions.assertRefusal;
import static io.albtarget.spring.TestApplication.albHealthCheck;
import static io.albtarget.spring.TestApplication.authenticatedGet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.servlet.AlbFilter;
import io.albtarget.servlet.AlbServletContainerInitializer;
import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.tomcat.AlbTomcat;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.SpringServletContainerInitializer;
import org.springframework.web.WebApplicationInitializer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A plain Spring Framework application, without Spring Boot, on embedded Tomcat: Spring MVC and Spring Security
 * asking for credentials on every request, started by Spring's {@code SpringServletContainerInitializer} through a
 * {@link WebApplicationInitializer} that registers {@code new AlbFilter(target)} ahead of Spring Security's filter,
 * with the test owning the target as the README's servlet section says. albtarget-servlet's own initializer runs in
 * the context too, as in a container that discovers initializers, and registers its filter first in the chain: it
 * must step aside for the application's.
 */
class PlainSpringIT {

    @TempDir
    Path dir;

    private Tomcat tomcat;
    private AlbTarget target;
    private int port;

    @BeforeEach
    void startTomcat() throws Exception {
        AlbSettings settings = AlbSettings.builder().drainWait(Duration.ofMillis(200))
                .drainTimeout(Duration.ofSeconds(10)).build();
        target = AlbTarget.create(settings);
        Application.target = target;
        Held.reset();
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.resolve("base").toString());
        Connector connector = AlbTomcat.connector(0, settings);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", dir.toString());
        context.addServletContainerInitializer(new AlbServletContainerInitializer(), null);
        context.addServletContainerInitializer(new SpringServletContainerInitializer(), Set.of(Application.class));
        tomcat.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stopTomcat() throws Exception {
        Held.release.countDown();
        target.drain().cutShort();
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void theAlbHealthCheckIsAnsweredAheadOfSecurityOnceTheTargetStarts() {
        RawHttp.Response starting = RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        assertThat(starting.status()).as("%s", starting).isEqualTo(503);
        assertThat(starting.body()).isEqualTo("{\"status\":\"STARTING\"}");

        target.start();
        RawHttp.Response up = RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port));
        assertThat(up.status()).as("%s", up).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(up.header("Cache-Control")).isEqualTo("no-store");

        String anonymous = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
        assertThat(RawHttp.exchange(port, anonymous).status()).isEqualTo(401);
        RawHttp.Response hello = RawHttp.exchange(port, authenticatedGet("/hello", port));
        assertThat(hello.status()).as("%s", hello).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello");
    }

    @Test
    void aFoldedHeaderGetsAlbtargetsRefusal() {
        target.start();
        try (RawHttp http = RawHttp.connect(port)) {
            http.send("GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + TestApplication.AUTHORIZATION
                    + "X-Test: a\r\n b\r\n\r\n");
            RawHttp.Response refusal = http.read();
            assertThat(refusal.body()).isEqualTo("obs-fold (multi-line) header line\n");
            assertRefusal(refusal, 400);
            assertThat(http.closedByServer()).as("connection closed after the 400").isTrue();
        }
    }

    @Test
    void theDrainTakesTheTargetOutWhileRequestsGoOnBeingServed() throws Exception {
        target.start();
        try (RawHttp held = RawHttp.connect(port).send(authenticatedGet("/held", port))) {
            assertThat(Held.arrived.tryAcquire(5, TimeUnit.SECONDS)).as("a request in flight").isTrue();

            // the request in flight keeps the drain going past alb.drain.wait, so DRAINING lasts until it is let go
            CompletableFuture<Void> drain = CompletableFuture.runAsync(target.drain()::run);
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port)),
                    response -> response.status() == 503 && response.body().equals("{\"status\":\"DRAINING\"}"));
            RawHttp.Response during = RawHttp.exchange(port, authenticatedGet("/hello", port));
            assertThat(during.status()).as("%s", during).isEqualTo(200);
            assertThat(during.header("Connection")).isEqualToIgnoringCase("close");

            Held.release.countDown();
            assertThat(held.read().body()).isEqualTo("held");
            drain.get(5, TimeUnit.SECONDS);
        }
        assertThat(RawHttp.exchange(port, albHealthCheck("127.0.0.1:" + port)).body())
                .isEqualTo("{\"status\":\"STOPPED\"}");
    }

    /**
     * The application's start, as Spring's {@code SpringServletContainerInitializer} runs it: one annotation-config
     * context for the listener and the dispatcher, albtarget's filter, then Spring Security's.
     */
    static final class Application implements WebApplicationInitializer {
        static volatile @Nullable AlbTarget target;

        @Override
        public void onStartup(ServletContext servletContext) {
            AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
            context.register(Configured.class);
            servletContext.addListener(new ContextLoaderListener(context));
            servletContext.addFilter("application-albtarget", new AlbFilter(Objects.requireNonNull(target)))
                    .addMappingForUrlPatterns(null, false, "/*");
            servletContext.addFilter("springSecurityFilterChain",
                    new DelegatingFilterProxy("springSecurityFilterChain")).addMappingForUrlPatterns(null, false, "/*");
            ServletRegistration.Dynamic dispatcher = servletContext.addServlet("dispatcher",
                    new DispatcherServlet(context));
            dispatcher.setLoadOnStartup(1);
            dispatcher.addMapping("/");
        }
    }

    @Configuration
    @EnableWebMvc
    @EnableWebSecurity
    @Import(Handlers.class)
    static class Configured {

        /** The Boot application's own security: credentials on every request, no {@code permitAll}. */
        @Bean
        SecurityFilterChain everythingAuthenticated(HttpSecurity http) throws Exception {
            return new TestApplication().everythingAuthenticated(http);
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("user").password("{noop}secret").roles("USER").build());
        }
    }

    /** Holds the {@code /held} request in flight until a test lets it finish. */
    static final class Held {
        static volatile Semaphore arrived = new Semaphore(0);
        static volatile CountDownLatch release = new CountDownLatch(1);

        private Held() {
        }

        static void reset() {
            arrived = new Semaphore(0);
            release = new CountDownLatch(1);
        }
    }

    @RestController
    static class Handlers {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }

        @GetMapping("/held")
        String held() throws InterruptedException {
            Held.arrived.release();
            if (!Held.release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the held request was never let go");
            }
            return "held";
        }
    }
}
