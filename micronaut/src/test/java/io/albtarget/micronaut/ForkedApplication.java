package io.albtarget.micronaut;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * The test application as an application's {@code main} starts it, with {@code Micronaut.run} and its JVM shutdown
 * hook, in a JVM of its own; it prints the port it listens on.
 */
final class ForkedApplication {

    static final String PORT_LINE = "listening on port ";

    private ForkedApplication() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.run(ForkedApplication.class, args);
        System.out.println(PORT_LINE + context.getBean(EmbeddedServer.class).getPort());
    }
}
