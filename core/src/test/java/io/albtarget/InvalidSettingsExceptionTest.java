package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.albtarget.InvalidSettingsException.Problem;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each problem names its setting, the value given and what is wrong, for a framework to report one by one. */
class InvalidSettingsExceptionTest {

    @Test
    void anInvalidValueNamesItsSettingAndTheValueGiven() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> AlbSettings.bind(Map.of("alb.health-check.unhealthy-threshold", " 11 "), Map.of()));
        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alb.health-check.unhealthy-threshold must be between 2 and 10, but was 11");
        Problem problem = e.problems().get(0);
        assertThat(problem.setting()).contains(Setting.UNHEALTHY_THRESHOLD);
        assertThat(problem.property()).isEqualTo("alb.health-check.unhealthy-threshold");
        assertThat(problem.value()).isEqualTo(" 11 ");
        assertThat(problem.setting().map(Setting::range)).contains("2–10");
        assertThat(problem).hasToString(e.getMessage());
    }

    @Test
    void anUnknownPropertyHasNoSettingAndNamesTheClosest() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                () -> AlbSettings.bind(Map.of("ALB.Drain.Wiat", "5s"), Map.of()));
        Problem problem = e.problems().get(0);
        assertThat(problem.setting()).isEmpty();
        assertThat(problem.property()).isEqualTo("ALB.Drain.Wiat");
        assertThat(problem.value()).isEqualTo("5s");
        assertThat(problem.message()).isEqualTo("unknown setting ALB.Drain.Wiat (did you mean alb.drain.wait?)");
    }

    @Test
    void aContradictionIsTheProblemOfTheSettingThatMustGive() {
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, () -> AlbSettings.bind(
                Map.of("alb.health-check.interval", "10000ms", "alb.health-check.timeout", "10")::get));
        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.setting()).contains(Setting.HEALTH_CHECK_INTERVAL);
            assertThat(problem.value()).isEqualTo("10s");
            assertThat(problem.message())
                    .isEqualTo("alb.health-check.interval (10s) must be greater than alb.health-check.timeout (10s)");
        });
    }

    @Test
    void theBuilderReportsEveryContradictionAtOnce() {
        AlbSettings.Builder builder = AlbSettings.builder().interval(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(5)).healthDeadline(Duration.ofSeconds(6));
        InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class, builder::build);
        assertThat(e).hasMessage("2 invalid alb.* settings:"
                + " alb.health-check.interval (5s) must be greater than alb.health-check.timeout (5s);"
                + " alb.health.deadline (6s) must be less than alb.health-check.timeout (5s)");
        assertThat(e.problems()).extracting(Problem::setting)
                .containsExactly(Optional.of(Setting.HEALTH_CHECK_INTERVAL), Optional.of(Setting.HEALTH_DEADLINE));
        assertThatThrownBy(() -> e.problems().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
