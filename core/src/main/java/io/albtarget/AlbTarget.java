package io.albtarget;

import io.albtarget.health.AlbHealth;
import io.albtarget.health.Drain;
import io.albtarget.internal.http.RequestCompliance;

/**
 * One target behind an ALB: the rules its requests are judged by, its health and its drain, made once from the
 * target group's settings and owned by whoever runs the server.
 *
 * <p>The owner creates it, hands it to the integration that answers requests (the servlet filter, a Netty handler),
 * {@linkplain #start() starts} it once the server listens and {@linkplain #drain() drains} it before the server
 * stops. A framework integration owns it through the framework's own lifecycle; nothing here registers a JVM
 * shutdown hook.
 *
 * <pre>{@code
 * AlbTarget target = AlbTarget.create(settings);
 * context.addFilter("albtarget", new AlbFilter(target));
 * server.start();
 * target.start();
 * // on shutdown:
 * target.drain().run();
 * server.stop();
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class AlbTarget {

    private final AlbSettings settings;
    private final RequestCompliance compliance;
    private final AlbHealth health;
    private final Drain drain;

    private AlbTarget(AlbSettings settings, AlbHealth health) {
        this.settings = settings;
        this.compliance = RequestCompliance.of(settings);
        this.health = health;
        this.drain = Drain.of(settings, health);
    }

    /**
     * The target of a target group, its health with the indicators listed in {@code META-INF/services}; it answers
     * health checks with 503 (STARTING) until {@link #start()}.
     *
     * @throws IllegalArgumentException if the settings are switched off ({@code alb.enabled=false}): there is no
     *     target then, and the integration steps aside; or if {@code alb.hosts.allowed} or
     *     {@code alb.hosts.allowed-cidrs} holds an invalid entry
     */
    public static AlbTarget create(AlbSettings settings) {
        return new AlbTarget(enabled(settings), AlbHealth.create(settings));
    }

    private static AlbSettings enabled(AlbSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("albtarget is switched off (alb.enabled=false): there is no target"
                    + " to create");
        }
        return settings;
    }

    /** The target group's settings. */
    public AlbSettings settings() {
        return settings;
    }

    /**
     * Judges one parsed request by the rules every request must pass before the application sees it: the ALB's
     * desync rules ({@code alb.desync-mitigation-mode}) and the Host rule. A refused request is answered with the
     * verdict's status and reason, and its connection closed.
     *
     * @return accepted (maybe closing the connection after the response), or the status and reason to answer
     */
    public Verdict judge(RequestView request) {
        return compliance.judge(request);
    }

    /** The target's health: its state, its indicators, the answer to a health check. */
    public AlbHealth health() {
        return health;
    }

    /** The drain sequence, for the owner to run before it stops the server. */
    public Drain drain() {
        return drain;
    }

    /**
     * The server listens and the application is ready: health checks get the matcher's code from now on. Does
     * nothing once the target drains or has stopped.
     */
    public void start() {
        health.markServing();
    }

    @Override
    public String toString() {
        return "albtarget " + health.state() + " with " + settings;
    }
}
