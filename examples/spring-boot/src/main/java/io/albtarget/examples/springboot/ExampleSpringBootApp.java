package io.albtarget.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Boot service behind albtarget, which it gets from the {@code albtarget-spring} dependency alone: {@code /}
 * answers {@code hello}, {@code /slow?ms=N} after N milliseconds, {@code POST /dependency/{up|down|slow}} sets what
 * the {@code dependency} health contributor reports. Every request needs the login {@code demo}/{@code demo}.
 *
 * <p>The port comes from {@code --server.port} or {@code PORT} (default 8080); albtarget's settings from
 * {@code alb.*} properties or {@code ALB_*} environment variables.
 */
@SpringBootApplication
public class ExampleSpringBootApp {

    public static void main(String[] args) {
        SpringApplication.run(ExampleSpringBootApp.class, args);
    }

    /** A login for everything: no path is left open for the ALB, and albtarget's health answer needs none. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // an API for clients that send the login with each request, not a browser session to forge
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
