package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.health.HealthState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbTargetTest {

    private static final AlbSettings SETTINGS = AlbSettings.builder().drainWait(Duration.ZERO)
            .drainTimeout(Duration.ofSeconds(1)).build();

    @Test
    void answersStartingUntilStartedThenTheMatchersCode() {
        AlbTarget target = AlbTarget.create(SETTINGS.toBuilder().matcher(SuccessCodes.parse("202")).build());

        assertThat(target.health().answer().status()).isEqualTo(503);
        assertThat(target.health().state()).isEqualTo(HealthState.STARTING);
        target.start();
        assertThat(target.health().answer().status()).isEqualTo(202);
    }

    @Test
    void aDrainedTargetStaysDrainedWhenStartedAgain() {
        AlbTarget target = AlbTarget.create(SETTINGS);
        target.start();
        target.drain().run();
        target.start();

        assertThat(target.health().state()).isEqualTo(HealthState.STOPPED);
        assertThat(target.health().answer().status()).isEqualTo(503);
    }

    @Test
    void judgesRequestsByTheSettingsRules() {
        AlbTarget target = AlbTarget.create(SETTINGS.toBuilder().allowedHosts(List.of("api.example.com")).build());

        assertThat(target.judge(TestRequest.bare().header("Host", "api.example.com")).isAccepted())
                .isTrue();
        assertThat(target.judge(TestRequest.bare().header("Host", "other.example.com")).status())
                .isEqualTo(400);
    }

    @Test
    void switchedOffSettingsMakeNoTarget() {
        AlbSettings off = AlbSettings.builder().enabled(false).build();

        assertThatThrownBy(() -> AlbTarget.create(off)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("albtarget is switched off (alb.enabled=false): there is no target to create");
    }
}
