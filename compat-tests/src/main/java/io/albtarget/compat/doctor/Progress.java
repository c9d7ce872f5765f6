package io.albtarget.compat.doctor;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Tells the user, every few seconds, what the keep-alive measurement waits for and how long is left at most. */
final class Progress {

    private static final long EVERY_SECONDS = 5;

    private final ScheduledExecutorService ticker;

    private Progress(ScheduledExecutorService ticker) {
        this.ticker = ticker;
    }

    static Progress start(PrintWriter err, Duration watch, AlbSettings settings) {
        long end = System.nanoTime() + watch.toNanos();
        err.println("albtarget-doctor: watching an idle connection for up to " + Durations.format(watch)
                + " (ALB idle timeout " + Durations.format(settings.idleTimeout()) + " + margin "
                + Durations.format(settings.keepAliveMargin()) + "); the server must not close it sooner");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "albtarget-doctor-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> {
            long left = TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime());
            if (left > 0) {
                err.println("albtarget-doctor: connection still open, at most " + left + " s left");
            }
        }, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
        return new Progress(ticker);
    }

    void close() {
        ticker.shutdownNow();
    }
}
