package io.albtarget.spring;

import io.albtarget.servlet.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The application the integration tests run: Spring MVC, Spring Security asking for credentials on every request
 * (no {@code permitAll}), Actuator, and a health contributor the tests switch between UP, DOWN and hanging; its
 * properties, the ALB's timeouts scaled down among them, are in the tests' {@code application.properties}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestApplication.Handlers.class)
class TestApplication {

    /** The credentials of the application's one user, as a request header line. */
    static final String AUTHORIZATION = "Authorization: Basic "
            + Base64.getEncoder().encodeToString("user:secret".getBytes(StandardCharsets.US_ASCII)) + "\r\n";

    /** The ALB health checker's exact request. */
    static String albHealthCheck(String host) {
        return RawHttp.albHealthCheck(host);
    }

    /** A GET with the user's credentials. */
    static String authenticatedGet(String path, int port) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + AUTHORIZATION
                + "Connection: close\r\n\r\n";
    }

    @Bean
    SecurityFilterChain everythingAuthenticated(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    Gate gate() {
        return new Gate();
    }

    @Bean
    SwitchedHealth switched() {
        return new SwitchedHealth();
    }

    /** Holds requests in flight until a test lets them finish. */
    static final class Gate {
        private final Semaphore arrived = new Semaphore(0);
        private final CountDownLatch open = new CountDownLatch(1);
        private final List<DeferredResult<String>> deferred = new CopyOnWriteArrayList<>();

        void pass() throws InterruptedException {
            arrived.release();
            if (!open.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate stayed shut");
            }
        }

        DeferredResult<String> defer() {
            DeferredResult<String> result = new DeferredResult<>(20_000L);
            deferred.add(result);
            arrived.release();
            return result;
        }

        boolean awaitArrivals(int count) throws InterruptedException {
            return arrived.tryAcquire(count, 10, TimeUnit.SECONDS);
        }

        void open() {
            open.countDown();
            deferred.forEach(result -> result.setResult("deferred"));
        }
    }

    /** A health contributor that answers UP or DOWN, or hangs until released. */
    static final class SwitchedHealth implements HealthIndicator {
        volatile Status status = Status.UP;
        volatile CountDownLatch hold = new CountDownLatch(0);
        final Semaphore held = new Semaphore(0);

        @Override
        public Health health() {
            CountDownLatch latch = hold;
            if (latch.getCount() > 0) {
                held.release();
                try {
                    latch.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Health.status(status).build();
        }
    }

    @RestController
    static class Handlers {
        private final Gate gate;

        Handlers(Gate gate) {
            this.gate = gate;
        }

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }

        @GetMapping("/sync")
        String sync() throws InterruptedException {
            gate.pass();
            return "sync";
        }

        @GetMapping("/deferred")
        DeferredResult<String> deferred() {
            return gate.defer();
        }

        @GetMapping("/streaming")
        StreamingResponseBody streaming() {
            return out -> {
                try {
                    gate.pass();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                out.write("streaming".getBytes(StandardCharsets.US_ASCII));
            };
        }

        @GetMapping("/callable")
        Callable<String> callable() {
            return () -> "callable";
        }
    }
}
