package io.albtarget.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.Answer;
import io.albtarget.SuccessCodes;
import io.albtarget.spi.HealthIndicator;
import io.albtarget.spi.HealthIndicator.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlbHealthTest {

    private static final Duration DEADLINE = Duration.ofMillis(200);
    private static final int ANSWERS_AFTER = 20;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingIndicators() {
        release.countDown();
    }

    private static AlbHealth serving(AlbSettings settings) {
        AlbHealth health = AlbHealth.withoutServiceLoader(settings);
        health.markServing();
        return health;
    }

    private static AlbSettings withDeadline() {
        return AlbSettings.builder().timeout(Duration.ofSeconds(2)).healthDeadline(DEADLINE).build();
    }

    private static String body(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static HealthIndicator indicator(String name, boolean critical, Callable check) {
        return new HealthIndicator() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean critical() {
                return critical;
            }

            @Override
            public Status check() throws Exception {
                return check.call();
            }
        };
    }

    @FunctionalInterface
    private interface Callable {
        Status call() throws Exception;
    }

    private Callable hangs() {
        return () -> {
            release.await();
            return Status.UP;
        };
    }

    @Nested
    class States {

        @Test
        void startingDrainingAndStoppedAnswer503WithTheState() {
            AlbHealth health = AlbHealth.withoutServiceLoader(AlbSettings.defaults());
            assertThat(health.answer()).hasToString("503 {\"status\":\"STARTING\"}");
            health.markServing();
            assertThat(health.state()).isEqualTo(HealthState.SERVING);
            assertThat(health.answer()).hasToString("200 {\"status\":\"UP\"}");
            assertThat(health.markDraining()).isTrue();
            assertThat(health.markDraining()).isFalse();
            health.markServing();
            assertThat(health.answer()).hasToString("503 {\"status\":\"DRAINING\"}");
            health.markStopped();
            assertThat(health.answer()).hasToString("503 {\"status\":\"STOPPED\"}");
            assertThat(health.markDraining()).isFalse();
        }

        @Test
        void answerCarriesLengthAndNoStore() {
            Answer answer = serving(AlbSettings.defaults()).answer();
            assertThat(answer.headers()).containsEntry("Content-Type", "application/json")
                    .containsEntry("Content-Length", "15").containsEntry("Cache-Control", "no-store");
            assertThat(body(answer)).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Nested
    class Matcher {

        @Test
        void healthyCodeIsTheMatchersLowest() {
            assertThat(serving(settings("200-299")).answer().status()).isEqualTo(200);
            assertThat(serving(settings("202")).answer().status()).isEqualTo(202);
            assertThat(serving(settings("301,302")).answer().status()).isEqualTo(301);
        }

        @Test
        void noContentHasNoBody() {
            Answer answer = serving(settings("204")).answer();
            assertThat(answer.status()).isEqualTo(204);
            assertThat(answer.body()).isEmpty();
            assertThat(answer.headers()).containsEntry("Content-Length", "0").doesNotContainKey("Content-Type");
        }

        private AlbSettings settings(String matcher) {
            return AlbSettings.builder().matcher(SuccessCodes.parse(matcher)).build();
        }
    }

    @Nested
    class Requests {

        @Test
        void getAndHeadOnThePathAreHealthChecks() {
            AlbHealth health = AlbHealth.withoutServiceLoader(AlbSettings.defaults());
            assertThat(health.isHealthCheck("GET", "/health", null)).isTrue();
            assertThat(health.isHealthCheck("HEAD", "/health", "curl/8")).isTrue();
            assertThat(health.isHealthCheck("POST", "/health", null)).isFalse();
            assertThat(health.isHealthCheck("GET", "/health/", null)).isFalse();
            assertThat(health.isHealthCheck("GET", "/", null)).isFalse();
        }

        @Test
        void queryOfTheConfiguredPathIsNotCompared() {
            AlbHealth health = AlbHealth.withoutServiceLoader(
                    AlbSettings.builder().healthCheckPath("/ping?deep=1").build());
            assertThat(health.isHealthCheck("GET", "/ping", null)).isTrue();
        }

        @Test
        void rootIsOnlyTheAlbsHealthCheck() {
            AlbHealth health = AlbHealth.withoutServiceLoader(AlbSettings.builder().healthCheckPath("/").build());
            assertThat(health.isHealthCheck("GET", "/", "ELB-HealthChecker/2.0")).isTrue();
            assertThat(health.isHealthCheck("GET", "/", "Mozilla/5.0")).isFalse();
            assertThat(health.isHealthCheck("GET", "/", null)).isFalse();
        }
    }

    @Nested
    class Indicators {

        @Test
        void criticalDownIs503AndNonCriticalDownIsOnlyReported() {
            AlbSettings details = AlbSettings.builder().healthDetails(true).build();
            AlbHealth health = serving(details)
                    .register(indicator("db", true, () -> Status.UP))
                    .register(indicator("cache", false, () -> Status.DOWN));
            assertThat(health.answer())
                    .hasToString("200 {\"status\":\"UP\",\"indicators\":{\"db\":\"UP\",\"cache\":\"DOWN\"}}");
            health.register(indicator("queue", true, () -> {
                throw new IllegalStateException("broken");
            }));
            assertThat(health.answer().toString()).startsWith("503 {\"status\":\"DOWN\"")
                    .contains("\"queue\":\"DOWN\"");
        }

        @Test
        void detailsAreOffByDefault() {
            AlbHealth health = serving(AlbSettings.defaults()).register(indicator("db", true, () -> Status.UP));
            assertThat(health.answer()).hasToString("200 {\"status\":\"UP\"}");
        }

        @Test
        void hangingIndicatorThatNeverAnsweredIsDownWithinTheDeadline() {
            AlbHealth health = serving(withDeadline()).register(indicator("hangs", true, hangs()));
            long start = System.nanoTime();
            Answer answer = health.answer();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.status()).isEqualTo(503);
            assertThat(millis).as("answered within the deadline (generous bound)").isLessThan(1500);
        }

        @Test
        void hangingIndicatorKeepsItsLastResultUntilTheHealthCheckTimeout() throws Exception {
            AtomicReference<Boolean> hang = new AtomicReference<>(false);
            AlbHealth health = serving(withDeadline()).register(indicator("flaky", true, () -> {
                if (hang.get()) {
                    release.await();
                }
                return Status.UP;
            }));
            assertThat(health.answer().status()).isEqualTo(200);
            hang.set(true);
            assertThat(health.answer().status()).as("last result counts").isEqualTo(200);
            Thread.sleep(2100);
            assertThat(health.answer().status()).as("in flight longer than the timeout").isEqualTo(503);
            release.countDown();
            Thread.sleep(100);
            hang.set(false);
            assertThat(health.answer().status()).isEqualTo(200);
        }

        @Test
        void overdueEvaluationIsNotWaitedForAgainAndNoSecondOneStarts() {
            AtomicInteger checks = new AtomicInteger();
            AtomicBoolean hang = new AtomicBoolean();
            AlbHealth health = serving(withDeadline()).register(indicator("answers once", true, () -> {
                checks.incrementAndGet();
                if (hang.get()) {
                    release.await();
                }
                return Status.UP;
            }));
            assertThat(health.answer().status()).isEqualTo(200);
            hang.set(true);

            long start = System.nanoTime();
            assertThat(health.answer().status()).as("waited for the new evaluation, then its last result")
                    .isEqualTo(200);
            long first = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < ANSWERS_AFTER; i++) {
                assertThat(health.answer().status()).as("last result, the evaluation being overdue").isEqualTo(200);
            }
            long after = System.nanoTime() - start;
            System.out.printf(Locale.ROOT, "deadline %d ms: first answer %.1f ms, then %d answers %.2f ms each%n",
                    DEADLINE.toMillis(), first / 1e6, ANSWERS_AFTER, after / 1e6 / ANSWERS_AFTER);

            assertThat(checks).as("one evaluation in flight, none piled up behind it").hasValue(2);
            // waiting the deadline again each time would take ANSWERS_AFTER deadlines; a fifth of that is generous
            assertThat(Duration.ofNanos(after)).isLessThan(DEADLINE.multipliedBy(ANSWERS_AFTER / 5));
        }

        @Test
        void answerLaterReturnsBeforeAnIndicatorAnswersAndCompletesWithItsAnswer() throws Exception {
            AlbHealth health = serving(AlbSettings.builder().timeout(Duration.ofSeconds(10))
                    .healthDeadline(Duration.ofSeconds(9)).build())
                    .register(indicator("answers once released", true, hangs()));

            CompletableFuture<Answer> later = health.answerLater();

            assertThat(later).as("not waited for on the caller's thread").isNotDone();
            release.countDown();
            assertThat(later.get(10, TimeUnit.SECONDS)).hasToString("200 {\"status\":\"UP\"}");
        }

        @Test
        void answerLaterIsCompleteAtOnceWhenNoIndicatorIsAsked() {
            assertThat(serving(AlbSettings.defaults()).answerLater()).isCompletedWithValueMatching(
                    answer -> answer.toString().equals("200 {\"status\":\"UP\"}"));
            AlbHealth starting = AlbHealth.withoutServiceLoader(AlbSettings.defaults())
                    .register(indicator("hangs", true, hangs()));
            assertThat(starting.answerLater()).isCompletedWithValueMatching(
                    answer -> answer.toString().equals("503 {\"status\":\"STARTING\"}"));
        }

        @Test
        void namesAreEscapedInTheBody() {
            AlbHealth health = serving(AlbSettings.builder().healthDetails(true).build())
                    .register(indicator("a\"b\\c\n", true, () -> Status.UP));
            assertThat(body(health.answer())).contains("\"a\\\"b\\\\c\\n\":\"UP\"");
        }
    }
}
