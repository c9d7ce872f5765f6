package io.albtarget.compat.matrix;

import io.albtarget.AlbSettings;
import java.time.Duration;

/** The target group the matrix plays: the ALB's timeouts scaled down (its 60 s idle timeout is played as 2 s). */
final class MatrixSettings {

    /** The settings of every server with albtarget, and of the contract's target group. */
    static final AlbSettings SCALED = AlbSettings.builder()
            .idleTimeout(Duration.ofSeconds(2))
            .keepAliveMargin(Duration.ofSeconds(1))
            // long enough that the contract's drain item, which asks for health and then sends a request, meets
            // the drain on a loaded machine
            .drainWait(Duration.ofSeconds(2))
            .healthDeadline(Duration.ofSeconds(1))
            .selfCheck(AlbSettings.SelfCheckMode.OFF)
            .build();

    private MatrixSettings() {
    }

    /**
     * The target group in front of a server in this mode: a baseline has no health answer of albtarget's, so its
     * target group checks {@code /}, the ALB's default path, which the application answers.
     */
    static AlbSettings targetGroup(AlbSettings settings, Mode mode) {
        return mode == Mode.ALBTARGET ? settings : settings.toBuilder().healthCheckPath("/").build();
    }
}
