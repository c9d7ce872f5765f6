package io.albtarget.examples.micronaut;

import io.micronaut.runtime.Micronaut;

/**
 * A Micronaut service behind albtarget, which it gets from the {@code albtarget-micronaut} dependency alone:
 * {@code /} answers {@code hello}, {@code /slow?ms=N} after N milliseconds, {@code POST /dependency/{up|down|slow}}
 * sets what the {@code dependency} health indicator reports.
 *
 * <p>The port comes from {@code PORT} or {@code MICRONAUT_SERVER_PORT} (default 8080); albtarget's settings from
 * {@code alb.*} properties or {@code ALB_*} environment variables.
 */
public final class ExampleMicronautApp {

    private ExampleMicronautApp() {
    }

    public static void main(String[] args) {
        // Micronaut.run(ExampleMicronautApp.class, args), without the banner: no property switches it off
        Micronaut.build(args).mainClass(ExampleMicronautApp.class).banner(false).start();
    }
}
