package io.albtarget.spring;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.resources.LoopResources;

/**
 * The WebFlux application the integration tests run on Reactor Netty: Spring Security asking for credentials on every
 * request, Actuator, a blocking and a reactive health contributor the tests switch between UP, DOWN and hanging, and one
 * event-loop thread for every connection, so that anything blocking it stalls every other request.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReactiveTestApplication.Handlers.class)
class ReactiveTestApplication {

    /** The prefix of the one event-loop thread's name. */
    static final String EVENT_LOOP = "test-event-loop";

    /** What the tests add to their properties: a reactive application, whatever else is on the class path. */
    static final String REACTIVE = "spring.main.web-application-type=reactive";

    /** And Reactor Netty as its server, where Tomcat and Jetty are on the class path too. */
    static final String ON_REACTOR_NETTY = "spring.autoconfigure.exclude="
            + "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration,"
            + "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration";

    @Bean
    SecurityWebFilterChain everythingAuthenticated(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    ReactorResourceFactory oneEventLoop() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        resources.setLoopResources(LoopResources.create(EVENT_LOOP, 1, 1, true));
        resources.setShutdownQuietPeriod(Duration.ZERO);
        return resources;
    }

    @Bean
    TestApplication.SwitchedHealth switched() {
        return new TestApplication.SwitchedHealth();
    }

    @Bean
    SwitchedReactiveHealth switchedReactive() {
        return new SwitchedReactiveHealth();
    }

    @Bean
    Stream stream() {
        return new Stream();
    }

    /** A reactive health contributor that answers UP or DOWN, or not until released; it notes where it runs. */
    static final class SwitchedReactiveHealth implements ReactiveHealthIndicator {
        volatile Status status = Status.UP;
        /** While set, the answer waits for it to complete. */
        volatile Sinks.@Nullable Empty<Void> hold;
        volatile String subscribedOn = "";
        /** A permit each time it is asked while held. */
        final Semaphore asked = new Semaphore(0);

        @Override
        public Mono<Health> health() {
            return Mono.defer(() -> {
                subscribedOn = Thread.currentThread().getName();
                Mono<Health> answer = Mono.fromSupplier(() -> Health.status(status).build());
                Sinks.Empty<Void> held = hold;
                if (held == null) {
                    return answer;
                }
                asked.release();
                return held.asMono().then(answer);
            });
        }

        void release() {
            Sinks.Empty<Void> held = hold;
            hold = null;
            if (held != null) {
                held.tryEmitEmpty();
            }
        }
    }

    /** A streaming response that sends its first part at once and the rest when a test ends it. */
    static final class Stream {
        final Sinks.Many<String> parts = Sinks.many().replay().all();
        final CountDownLatch started = new CountDownLatch(1);
    }

    @RestController
    static class Handlers {
        private final Stream stream;

        Handlers(Stream stream) {
            this.stream = stream;
        }

        @GetMapping("/hello")
        Mono<String> hello() {
            return Mono.just("hello");
        }

        @GetMapping("/stream")
        Flux<String> stream() {
            return Flux.concat(Mono.just("first,"), stream.parts.asFlux())
                    .doOnSubscribe(subscription -> stream.started.countDown());
        }
    }
}
