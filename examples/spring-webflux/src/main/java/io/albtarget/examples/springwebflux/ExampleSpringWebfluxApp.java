package io.albtarget.examples.springwebflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * A Spring WebFlux service on Reactor Netty behind albtarget, which it gets from the {@code albtarget-spring}
 * dependency alone: {@code /} answers {@code hello}, {@code /slow?ms=N} after N milliseconds, {@code /stream?parts=N}
 * streams N parts a second apart, {@code POST /dependency/{up|down|slow}} sets what the {@code dependency} health
 * contributor reports. Every request needs the login {@code demo}/{@code demo}.
 *
 * <p>The port comes from {@code --server.port} or {@code PORT} (default 8080); albtarget's settings from
 * {@code alb.*} properties or {@code ALB_*} environment variables.
 */
@SpringBootApplication
public class ExampleSpringWebfluxApp {

    public static void main(String[] args) {
        SpringApplication.run(ExampleSpringWebfluxApp.class, args);
    }

    /** A login for everything: no path is left open for the ALB, and albtarget's health answer needs none. */
    @Bean
    SecurityWebFilterChain security(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .httpBasic(Customizer.withDefaults())
                // an API for clients that send the login with each request, not a browser session to forge
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .build();
    }
}
