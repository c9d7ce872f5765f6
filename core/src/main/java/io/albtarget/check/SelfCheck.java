package io.albtarget.check;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import io.albtarget.internal.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays the ALB against a running target: the health checker's exact request, both of its {@code Host} forms,
 * header lines servers read differently, the server's idle timeout against the ALB's, the settings against each
 * other, and for an HTTPS target the ALB's TLS handshake. Each problem is named with the symptom the ALB would show
 * and the fix.
 *
 * <pre>{@code
 * // once the server listens
 * SelfCheck.of(settings, CheckTarget.local(port)).start();
 * }</pre>
 *
 * <p>{@link #run()} takes about as long as a few requests; {@link #measureKeepAlive()} watches an idle connection
 * for up to {@link #keepAliveWatch()}, longer than the ALB's idle timeout. A server that shuts down calls
 * {@link #stop()} first, so that its own closing of connections is not measured as its idle timeout. Instances
 * are thread-safe.
 */
public final class SelfCheck {

    private static final Log LOG = Log.named("io.albtarget.check.SelfCheck");
    private static final List<Check> CHECKS = List.of(new HealthPathCheck(), new ListenAddressCheck(),
            new HostFormsCheck(), new FramingCheck(), new ConfiguredIdleCheck(), new SettingsCheck(), new TlsCheck(),
            new KeyFilesCheck());

    private final AlbSettings settings;
    private final CheckTarget target;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private SelfCheck(AlbSettings settings, CheckTarget target) {
        this.settings = settings;
        this.target = target;
    }

    /** The self-check of a target under a target group's settings. */
    public static SelfCheck of(AlbSettings settings, CheckTarget target) {
        Objects.requireNonNull(settings, "'settings' must not be null");
        Objects.requireNonNull(target, "'target' must not be null");
        return new SelfCheck(settings, target);
    }

    /** Runs every check but the keep-alive measurement and returns the report. */
    public Report run() {
        Probing probing = probing();
        List<Finding> findings = new ArrayList<>();
        CHECKS.forEach(check -> findings.addAll(check.run(probing)));
        return Report.of(probing.title(), findings);
    }

    /**
     * Measures how long the server keeps an idle connection open, watching at most {@link #keepAliveWatch()}, and
     * returns a report of that one finding: a {@link Severity#SKIP SKIP} when {@link #stop()} came first.
     */
    public Report measureKeepAlive() {
        Probing probing = probing();
        return Report.of(probing.title(), new MeasuredIdleCheck().run(probing));
    }

    /** How long {@link #measureKeepAlive()} may take: the ALB's idle timeout plus the keep-alive margin. */
    public Duration keepAliveWatch() {
        return MeasuredIdleCheck.watch(settings);
    }

    /**
     * Stops the self-check for good, for a server that begins to shut down: a keep-alive measurement under way ends
     * within 100 ms, and it and any later one report {@link Severity#SKIP SKIP} ("the self-check was stopped before
     * the measurement ended") rather than judge a close the shutdown caused. Call it before the server closes its
     * connections; calling it again does nothing.
     */
    public void stop() {
        stopped.set(true);
    }

    /**
     * Runs the self-check as {@code alb.self-check} says, for a server that already listens: {@code log} runs
     * everything on a daemon thread and logs; {@code fail} runs the fast checks now and throws when one fails,
     * then measures keep-alive in the background; {@code off} does nothing. Reports go to
     * {@code alb.self-check.report} when set, first without and then with the keep-alive measurement.
     *
     * @return the whole report, once the keep-alive measurement is done (an empty report when off)
     * @throws SelfCheckFailedException with {@code alb.self-check=fail}, if a fast check failed
     */
    public CompletableFuture<Report> start() {
        if (!settings.enabled() || settings.selfCheck() == AlbSettings.SelfCheckMode.OFF) {
            return CompletableFuture.completedFuture(Report.of(probing().title(), List.of()));
        }
        CompletableFuture<Report> done = new CompletableFuture<>();
        if (settings.selfCheck() == AlbSettings.SelfCheckMode.FAIL) {
            Report fast = publish(run());
            if (fast.hasFailures()) {
                throw new SelfCheckFailedException(fast);
            }
            background(() -> done.complete(publishKeepAlive(fast)));
        } else {
            background(() -> done.complete(publishKeepAlive(publish(run()))));
        }
        return done;
    }

    private Probing probing() {
        return new Probing(settings, target, stopped::get);
    }

    private static void background(Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("albtarget self-check stopped: " + e);
            }
        }, "albtarget-self-check");
        thread.setDaemon(true);
        thread.start();
    }

    private Report publish(Report report) {
        LOG.info(report.summary());
        // problems at their own level; the rest at DEBUG, so that DEBUG shows every finding once
        report.findings().forEach(finding -> log(finding, false));
        write(report);
        return report;
    }

    private Report publishKeepAlive(Report fast) {
        LOG.info("albtarget self-check: measuring the server's idle timeout, up to "
                + Durations.format(keepAliveWatch()));
        Report measured = measureKeepAlive();
        // the measurement comes long after the summary, so its result is logged whatever it is
        measured.findings().forEach(finding -> log(finding, true));
        Report whole = fast.with(measured.findings());
        write(whole);
        return whole;
    }

    private static void log(Finding finding, boolean passesAtInfo) {
        String line = line(finding);
        switch (finding.severity()) {
            case FAIL -> LOG.error(line);
            case WARN -> LOG.warn(line);
            default -> {
                if (passesAtInfo) {
                    LOG.info(line);
                } else {
                    LOG.debug(() -> line);
                }
            }
        }
    }

    private static String line(Finding finding) {
        return "albtarget self-check " + finding + (finding.fix().isEmpty() ? "" : "; fix: " + finding.fix());
    }

    private void write(Report report) {
        settings.selfCheckReport().ifPresent(file -> {
            try {
                Path parent = file.toAbsolutePath().getParent();
                Path temporary = Files.createTempFile(parent, ".albtarget-self-check", ".json");
                Files.writeString(temporary, report.toJson() + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("albtarget self-check: cannot write alb.self-check.report " + file + ": " + e);
            }
        });
    }
}
