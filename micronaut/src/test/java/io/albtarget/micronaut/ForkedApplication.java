package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.fail;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The test application as an application's {@code main} starts it, with {@code Micronaut.run} and its JVM shutdown
 * hook, in a JVM of its own; it prints the port it listens on.
 */
final class ForkedApplication {

    private static final String PORT_LINE = "listening on port ";

    /** The application's JVM, and the port it listens on. */
    record Forked(Process process, int port) implements AutoCloseable {

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private ForkedApplication() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.run(ForkedApplication.class, args);
        System.out.println(PORT_LINE + context.getBean(EmbeddedServer.class).getPort());
    }

    /**
     * Starts the application on a random port of 127.0.0.1, without the self-check, with these system properties
     * and the test's class path entries that {@code keep} accepts, and returns once it listens.
     */
    static Forked start(List<String> properties, Predicate<String> keep) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .filter(keep).collect(Collectors.joining(File.pathSeparator)),
                "-Dmicronaut.server.port=-1", "-Dmicronaut.server.host=127.0.0.1", "-Dalb.self-check=off"));
        command.addAll(properties);
        command.add(ForkedApplication.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            return new Forked(process, portOf(process));
        } catch (IOException | RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads the application's output up to the line with its port, and the rest of it in the background. */
    private static int portOf(Process application) throws IOException {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8));
        List<String> printed = new ArrayList<>();
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(PORT_LINE)) {
                Thread rest = new Thread(() -> drain(output));
                rest.setDaemon(true);
                rest.start();
                return Integer.parseInt(line.substring(PORT_LINE.length()));
            }
            printed.add(line);
        }
        return fail("the application ended before it listened:%n%s", String.join("\n", printed));
    }

    private static void drain(BufferedReader output) {
        try {
            output.lines().forEach(ignored -> { });
        } catch (UncheckedIOException e) {
            // the test has ended the application: its output is gone, and nothing waits for it
        }
    }
}
