package io.albtarget.compat.matrix;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The {@link App} as a Spring Boot application with Actuator, the same on Spring MVC and on WebFlux: its handlers
 * never block, {@code /slow} answering from a timer. The application's {@link HealthDependency} is a bean the
 * starter registers, asked by a Spring health indicator. No component scan: the class path holds the Micronaut
 * application too.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({SpringApp.Endpoints.class, SpringApp.OneEventLoop.class})
class SpringApp {

    @Bean
    HealthIndicator dependencyHealthIndicator(HealthDependency dependency) {
        return () -> {
            try {
                dependency.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down(e).build();
            }
            return Health.up().build();
        };
    }

    @RestController
    static class Endpoints {

        @RequestMapping(path = {"/", "/echo"},
                method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.POST})
        ResponseEntity<byte[]> answer(@RequestBody(required = false) byte @Nullable [] body) {
            return ok();
        }

        @GetMapping(App.SLOW)
        Mono<ResponseEntity<byte[]>> slow(@RequestParam long ms) {
            return Mono.delay(Duration.ofMillis(ms)).map(tick -> ok());
        }

        private static ResponseEntity<byte[]> ok() {
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(App.BODY_BYTES);
        }
    }

    /**
     * Reactor Netty on one event loop of its own, which stops with the application rather than with the JVM, and
     * without the quiet period of Reactor's global loops, so that stopping takes no longer than the server needs.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class OneEventLoop {

        @Bean
        ReactorResourceFactory oneEventLoop() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            resources.setLoopResources(LoopResources.create("webflux-event-loop", 1, 1, true));
            resources.setShutdownQuietPeriod(Duration.ZERO);
            return resources;
        }
    }
}
