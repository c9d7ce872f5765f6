package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged application run as a user runs it, {@code java -jar}, its output (standard error merged in) read line
 * by line as it comes: for {@link #awaitLine}, and kept whole in {@link #printed()}. Closing it kills the process.
 */
public final class LaunchedProcess implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final Thread readOutput;

    private LaunchedProcess(Process process) {
        this.process = process;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        readOutput = new Thread(() -> out.lines().forEach(line -> {
            printed.add(line);
            output.add(line);
        }), "launched-process-output");
        readOutput.setDaemon(true);
        readOutput.start();
    }

    /** The command that runs the jar on this JVM's java, with JVM options before {@code -jar} and arguments after. */
    public static ProcessBuilder javaJar(Path jar, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment) {
        assertThat(jar).exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    /** Starts the process. */
    public static LaunchedProcess start(ProcessBuilder builder) throws IOException {
        return new LaunchedProcess(builder.redirectErrorStream(true).start());
    }

    /** Every line printed so far. */
    public List<String> printed() {
        return printed;
    }

    /** The process's exit value; it must have exited. */
    public int exitValue() {
        return process.exitValue();
    }

    /** Sends SIGTERM, as {@code kill} does. */
    public void sigterm() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Waits for the process to exit, and then for the rest of its output; fails with its output if it does not. */
    public Duration awaitExit(Duration within) throws InterruptedException {
        long start = System.nanoTime();
        boolean exited = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(exited).as("exited within %s; printed:\n%s", within, String.join("\n", printed)).isTrue();
        readOutput.join(TimeUnit.SECONDS.toMillis(5));
        return took;
    }

    /**
     * Waits for the next output line, after those an earlier call took, that contains all the parts; fails with what
     * was printed meanwhile.
     */
    public String awaitLine(Duration within, String... parts) throws InterruptedException {
        return awaitLine(within, Arrays.toString(parts), line -> Arrays.stream(parts).allMatch(line::contains));
    }

    /**
     * Waits for the line in which the server names the port it listens on, and returns that port.
     *
     * @param portLine a pattern whose first group is the port, e.g. {@code Tomcat started on port (\d+)}
     */
    public int awaitPort(Duration within, Pattern portLine) throws InterruptedException {
        Matcher matcher = portLine.matcher(awaitLine(within, portLine.pattern(), line -> portLine.matcher(line).find()));
        matcher.find();
        return Integer.parseInt(matcher.group(1));
    }

    private String awaitLine(Duration within, String wanted, Predicate<String> matches) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            seen.append(line).append('\n');
            if (matches.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no line with " + wanted + " within " + within + "; printed:\n" + seen);
    }

    @Override
    public void close() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
