package io.albtarget.internal.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepAliveRequirementTest {

    private final KeepAliveRequirement requirement = KeepAliveRequirement.of(AlbSettings.defaults());

    @Test
    void serverIdleTimeoutIsTheAlbsPlusTheMargin() {
        assertThat(requirement.serverIdleTimeout()).isEqualTo(Duration.ofSeconds(65));
        assertThat(KeepAliveRequirement.of(AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
                .keepAliveMargin(Duration.ofSeconds(1)).build()).serverIdleTimeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void serverDefaultsOfSixtySecondsAreTooLow() {
        assertThat(requirement.isMetBy(Duration.ofSeconds(60))).isFalse();
        assertThat(requirement.isMetBy(Duration.ofSeconds(30))).isFalse();
        assertThat(requirement.isMetBy(Duration.ofSeconds(65))).isTrue();
        assertThat(requirement.isMetBy(Duration.ofMinutes(5))).isTrue();
        assertThat(requirement.isMetBy(Duration.ZERO)).as("never times out").isTrue();
        assertThat(requirement.isMetBy(Duration.ofMillis(-1))).as("never times out").isTrue();
    }

    @Test
    void aValueTheUserDidNotSetGivesWayAndOneTheUserSetIsKeptWithAWarningWhenTooLow() {
        List<String> warnings = new ArrayList<>();
        assertThat(requirement.decide("knob", Duration.ofSeconds(30), false, warnings))
                .isEqualTo(Duration.ofSeconds(65));
        assertThat(requirement.decide("knob", Duration.ofSeconds(120), true, warnings))
                .isEqualTo(Duration.ofSeconds(120));
        assertThat(warnings).isEmpty();
        assertThat(requirement.decide("knob", Duration.ofSeconds(30), true, warnings))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(warnings).containsExactly(requirement.shortfall("knob", Duration.ofSeconds(30)));
    }

    @Test
    void shortfallNamesKnobValueRequirementSymptomAndFix() {
        assertThat(requirement.shortfall("Jetty connector idleTimeout", Duration.ofSeconds(30)))
                .isEqualTo("Jetty connector idleTimeout is 30s, below alb.idle-timeout 60s + alb.keep-alive.margin"
                        + " 5s = 65s: the server may close an idle connection just as the ALB reuses it, and clients"
                        + " get HTTP 502; raise it to at least 65s or remove the explicit setting");
    }
}
