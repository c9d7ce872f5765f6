package io.albtarget.compat.matrix;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link MicronautApp} on Micronaut's Netty server with micronaut-management, with albtarget under the
 * {@code alb.*} properties of the settings, or with {@code alb.enabled=false}, which leaves the application as it
 * is without albtarget, and {@code micronaut.server.idle-timeout} at the baseline's value.
 */
final class MicronautServer {

    /** Netty's default shutdown timeout of an event loop group. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    private MicronautServer() {
    }

    static RunningServer start(Mode mode, AlbSettings settings, Optional<Duration> baselineIdleTimeout) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", -1);
        if (mode == Mode.ALBTARGET) {
            properties.putAll(AlbProperties.of(settings));
        } else {
            properties.put("alb.enabled", "false");
            baselineIdleTimeout.ifPresent(
                    idle -> properties.put("micronaut.server.idle-timeout", idle.toMillis() + "ms"));
        }
        HealthDependency dependency = new HealthDependency();
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .singletons(dependency)
                // no probing for a cloud environment: the tests talk to this machine only
                .deduceEnvironment(false)
                .start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        int port = server.getPort();
        Runnable stop = () -> {
            server.stop();
            if (context.isRunning()) {
                context.close();
            }
            awaitClosed(port);
        };
        return new RunningServer(port, stop, () -> {
            context.findBean(AlbTarget.class).ifPresent(target -> target.drain().cutShort());
            stop.run();
        }, mode == Mode.ALBTARGET ? dependency : null);
    }

    /**
     * Waits until the port refuses connections: Micronaut's server returns from {@code stop()} and leaves its
     * listener to close with the event loops, in the background.
     */
    private static void awaitClosed(int port) {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException e) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Micronaut still listened on port " + port + " " + CLOSE_WAIT
                + " after it stopped");
    }
}
