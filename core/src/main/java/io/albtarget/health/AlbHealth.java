package io.albtarget.health;

import io.albtarget.AlbSettings;
import io.albtarget.Answer;
import io.albtarget.internal.JsonText;
import io.albtarget.spi.HealthIndicator;
import io.albtarget.spi.HealthIndicator.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The target's health as the ALB asks for it: its lifecycle state, its indicators, and the answer to a health
 * check.
 *
 * <p>While {@link HealthState#SERVING} and every critical indicator is UP, the answer carries the lowest code of
 * the target group's matcher ({@code 200} for {@code 200-299}, {@code 202} for {@code 202}) and
 * {@code {"status":"UP"}} (no body for 204); otherwise 503 with the state ({@code STARTING}, {@code DRAINING},
 * {@code DOWN}, {@code STOPPED}). Indicators run on albtarget's own daemon threads, at most one evaluation per
 * indicator at a time; the answer waits for an evaluation at most {@code alb.health.deadline} after it started, so
 * an evaluation already past its deadline is not waited for again: its indicator counts as its last result, or DOWN
 * when it never answered or has been running longer than {@code alb.health-check.timeout}.
 *
 * <pre>{@code
 * AlbHealth health = AlbHealth.create(settings);
 * health.register(new DatabaseIndicator(dataSource));
 * health.markServing();
 * Answer answer = health.answer();
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class AlbHealth {

    private static final String USER_AGENT = "ELB-HealthChecker/2.0";
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AlbSettings settings;
    private final String path;
    private final List<IndicatorRun> indicators = new CopyOnWriteArrayList<>();
    private final AtomicReference<HealthState> state = new AtomicReference<>(HealthState.STARTING);
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "albtarget-health-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** The answers that never change for a target group, made once so that answering allocates nothing. */
    private final Map<HealthState, Answer> notServing = new EnumMap<>(HealthState.class);
    private final Answer up;
    private final Answer down;

    private AlbHealth(AlbSettings settings) {
        this.settings = settings;
        String configured = settings.healthCheckPath();
        int query = configured.indexOf('?');
        this.path = query < 0 ? configured : configured.substring(0, query);
        for (HealthState s : HealthState.values()) {
            notServing.put(s, json(503, "{\"status\":\"" + s + "\"}"));
        }
        int healthy = settings.matcher().healthyCode();
        this.up = json(healthy, healthy == 204 ? "" : "{\"status\":\"UP\"}");
        this.down = json(503, "{\"status\":\"DOWN\"}");
    }

    /** A health answer: its JSON, never cached by anyone between the ALB and the target. */
    private static Answer json(int status, String json) {
        return Answer.of(status, "application/json", json.getBytes(StandardCharsets.UTF_8), "Cache-Control",
                "no-store");
    }

    /** Health for a target group, with the indicators listed in {@code META-INF/services}. */
    public static AlbHealth create(AlbSettings settings) {
        AlbHealth health = new AlbHealth(settings);
        ServiceLoader.load(HealthIndicator.class).forEach(health::register);
        return health;
    }

    /** Health for a target group, with no indicator but those registered later. */
    public static AlbHealth withoutServiceLoader(AlbSettings settings) {
        return new AlbHealth(settings);
    }

    /** Adds an indicator; its first check starts with the next health answer. */
    public AlbHealth register(HealthIndicator indicator) {
        Objects.requireNonNull(indicator, "'indicator' must not be null");
        indicators.add(new IndicatorRun(indicator, settings.healthDeadline().toNanos(),
                settings.timeout().toNanos()));
        return this;
    }

    /** The current state. */
    public HealthState state() {
        return state.get();
    }

    /** STARTING becomes SERVING; later states are kept. */
    public void markServing() {
        state.compareAndSet(HealthState.STARTING, HealthState.SERVING);
    }

    /**
     * Health turns 503 from now on, while other requests are still served.
     *
     * @return whether this call started draining (false when already draining or stopped)
     */
    public boolean markDraining() {
        HealthState before = state.getAndUpdate(s -> s == HealthState.STOPPED ? s : HealthState.DRAINING);
        return before == HealthState.STARTING || before == HealthState.SERVING;
    }

    /** The target is drained; indicator threads are released. */
    public void markStopped() {
        stop();
    }

    /** {@link #markStopped()}, telling whether this call is the one that stopped the target. */
    boolean stop() {
        HealthState before = state.getAndSet(HealthState.STOPPED);
        executor.shutdownNow();
        return before != HealthState.STOPPED;
    }

    /**
     * Whether a request is the ALB's health check and so answered by albtarget: GET or HEAD on the health-check
     * path (its query is not compared). When the path is {@code /}, the ALB's default, only requests whose
     * User-Agent is the ALB's health checker are, so that the application keeps its home page.
     */
    public boolean isHealthCheck(String method, String requestPath, @Nullable String userAgent) {
        if (!isHealthCheckPath(requestPath) || !(method.equals("GET") || method.equals("HEAD"))) {
            return false;
        }
        return !path.equals("/") || USER_AGENT.equals(userAgent);
    }

    /**
     * Whether a request path is the health-check path, the first test of {@link #isHealthCheck}: integrations ask it
     * first, so that other requests pay no look-up of their User-Agent.
     */
    public boolean isHealthCheckPath(String requestPath) {
        return requestPath.equals(path);
    }

    /**
     * The answer to a health check, for a caller that must not wait, such as a server's event loop: complete at once
     * when no indicator has to be asked, else completed on albtarget's own threads, within
     * {@code alb.health.deadline}, as {@link #answer()} would answer.
     */
    public CompletableFuture<Answer> answerLater() {
        if (state.get() != HealthState.SERVING || indicators.isEmpty()) {
            return CompletableFuture.completedFuture(answer());
        }
        return CompletableFuture.supplyAsync(this::answer, executor);
    }

    /**
     * The answer to a health check now; waits at most {@code alb.health.deadline} for indicators, and not at all
     * for an evaluation an earlier check started that is past its deadline already.
     */
    public Answer answer() {
        HealthState current = state.get();
        if (current != HealthState.SERVING) {
            return notServing.get(current);
        }
        List<IndicatorRun> runs = indicators;
        if (runs.isEmpty()) {
            return up;
        }
        List<IndicatorRun.Evaluation> evaluations = new ArrayList<>(runs.size());
        for (IndicatorRun run : runs) {
            evaluations.add(run.start(executor));
        }
        boolean allUp = true;
        @Nullable StringBuilder details = settings.healthDetails() ? new StringBuilder() : null;
        for (int i = 0; i < runs.size(); i++) {
            IndicatorRun run = runs.get(i);
            Status status = run.await(evaluations.get(i));
            if (status == Status.DOWN && run.indicator().critical()) {
                allUp = false;
            }
            if (details != null) {
                details.append(i == 0 ? "" : ",").append('"').append(JsonText.escape(run.indicator().name())).append("\":\"")
                        .append(status).append('"');
            }
        }
        // the state may have moved on while indicators ran
        if (state.get() != HealthState.SERVING) {
            return answer();
        }
        if (details == null || allUp && up.status() == 204) {
            return allUp ? up : down;
        }
        return json(allUp ? up.status() : 503,
                "{\"status\":\"" + (allUp ? "UP" : "DOWN") + "\",\"indicators\":{" + details + "}}");
    }
}
