package io.albtarget.compat.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeScaleTest {

    @Test
    void dividesTheAlbsDurations() {
        assertThat(TimeScale.dividedBy(10).apply(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(500));
        assertThat(TimeScale.REAL.apply(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(TimeScale.dividedBy(1)).isSameAs(TimeScale.REAL);
        assertThat(TimeScale.dividedBy(4)).hasToString("1/4 of real time").isEqualTo(TimeScale.dividedBy(4));
    }

    @Test
    void refusesFactorsOutsideOneToAThousand() {
        assertThatThrownBy(() -> TimeScale.dividedBy(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'factor' must be from 1 to 1000, but was 0");
        assertThatThrownBy(() -> TimeScale.dividedBy(1001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'factor' must be from 1 to 1000, but was 1001");
        assertThatThrownBy(() -> TimeScale.REAL.apply(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }
}
