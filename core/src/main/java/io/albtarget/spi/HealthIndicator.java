package io.albtarget.spi;

/**
 * One dependency the health answer depends on, such as a database or a downstream service.
 *
 * <p>albtarget calls {@link #check()} off the request thread and never waits for it longer than
 * {@code alb.health.deadline}: an indicator that hangs cannot make the ALB see a health-check timeout. Register
 * an indicator in code ({@code AlbHealth.register}) or list it in
 * {@code META-INF/services/io.albtarget.spi.HealthIndicator} (it then needs a public no-argument constructor).
 *
 * <p>Implementations must be thread-safe; albtarget never runs two checks of one indicator at once.
 */
public interface HealthIndicator {

    /** What an indicator found. */
    enum Status {
        UP,
        DOWN
    }

    /** A short stable name, shown in the health body when {@code alb.health.details=true}. */
    String name();

    /**
     * Whether a DOWN result takes the target out of service; a non-critical DOWN is only reported.
     *
     * @return true unless overridden
     */
    default boolean critical() {
        return true;
    }

    /**
     * Checks the dependency. A thrown exception counts as DOWN.
     *
     * @return UP or DOWN
     * @throws Exception when the check itself fails
     */
    Status check() throws Exception;
}
