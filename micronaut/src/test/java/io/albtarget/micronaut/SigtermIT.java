package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.albtarget.servlet.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM to an application started with {@code Micronaut.run}: Micronaut's own shutdown hook stops the server, and
 * the server drains first, still accepting, so that the ALB's health check gets 503 rather than a refused connection.
 */
class SigtermIT {

    @Test
    @Timeout(60)
    void onSigtermTheHealthCheckGets503BeforeTheServerStopsListening() throws Exception {
        Process application = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmicronaut.server.port=-1", "-Dmicronaut.server.host=127.0.0.1",
                "-Dalb.self-check=off", "-Dalb.drain.wait=2s",
                ForkedApplication.class.getName()))
                .redirectErrorStream(true)
                .start();
        try {
            int port = portOf(application);
            assertThat(RawHttp.exchange(port, Servers.HEALTH_CHECK).status()).isEqualTo(200);

            application.destroy();

            awaitHealth503(port);
            assertThat(application.waitFor(30, TimeUnit.SECONDS)).as("exited after the drain").isTrue();
        } finally {
            application.destroyForcibly();
        }
    }

    /** Reads the application's output up to the line with its port, and the rest of it in the background. */
    private static int portOf(Process application) throws IOException {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(ForkedApplication.PORT_LINE)) {
                Thread rest = new Thread(() -> output.lines().forEach(ignored -> { }));
                rest.setDaemon(true);
                rest.start();
                return Integer.parseInt(line.substring(ForkedApplication.PORT_LINE.length()));
            }
        }
        return fail("the application ended before it listened");
    }

    /** Health answers 200 until the hook has started the drain; the connection must never be refused. */
    private static void awaitHealth503(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            int status;
            try {
                status = RawHttp.exchange(port, Servers.HEALTH_CHECK).status();
            } catch (UncheckedIOException e) {
                fail("the server stopped listening before the health check saw it draining", e);
                return;
            }
            if (status == 503) {
                return;
            }
            assertThat(status).isEqualTo(200);
        }
        fail("health never answered 503 after SIGTERM");
    }
}
