package io.albtarget.benchmarks;

import io.albtarget.AlbSettings;
import io.albtarget.Answer;
import io.albtarget.health.AlbHealth;
import io.albtarget.spi.HealthIndicator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The health path: recognising a health check among requests ({@link #isHealthCheck}, paid by every request) and
 * answering one ({@link #answer}), with no indicator and with one that answers at once (run off the request
 * thread, as every indicator is).
 */
public class HealthBenchmark extends ShortRun {

    @Param({"0", "1"})
    int indicators;

    private AlbHealth health;

    @Setup
    public void setUp() {
        health = AlbHealth.withoutServiceLoader(AlbSettings.defaults());
        for (int i = 0; i < indicators; i++) {
            health.register(new Up("dependency-" + i));
        }
        health.markServing();
    }

    @TearDown
    public void tearDown() {
        health.markStopped();
    }

    @Benchmark
    public boolean isHealthCheck() {
        return health.isHealthCheck("GET", "/orders", "Mozilla/5.0");
    }

    @Benchmark
    public Answer answer() {
        return health.answer();
    }

    /** An indicator that is always up at once. */
    private static final class Up implements HealthIndicator {
        private final String name;

        Up(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Status check() {
            return Status.UP;
        }
    }
}
