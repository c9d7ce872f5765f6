package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.AlbSettings;
import io.albtarget.AlbTarget;
import io.albtarget.InvalidSettingsException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbFactoryTest {

    /** Variables that Micronaut resolves as it does the process environment's. */
    private static final class EnvironmentVariables extends MapPropertySource {

        EnvironmentVariables(Map<String, Object> variables) {
            super("test-env", variables);
        }

        @Override
        public PropertyConvention getConvention() {
            return PropertyConvention.ENVIRONMENT_VARIABLE;
        }
    }

    @Test
    void bindsTheDefaultsWhenNothingIsSet() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getBean(AlbSettings.class)).hasToString(AlbSettings.defaults().toString());
            assertThat(context.getBean(AlbTarget.class).settings()).isSameAs(context.getBean(AlbSettings.class));
            assertThat(context.getBean(EmbeddedServer.class)).isInstanceOf(DrainFirstServer.class);
        }
    }

    @Test
    void bindsPropertiesAsMicronautResolvesThem() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("alb.idle-timeout", "75s"))) {
            assertThat(context.getBean(AlbSettings.class).idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        }
    }

    @Test
    void seesAnEnvironmentVariableUnderItsPropertyName() {
        PropertySource variables = new EnvironmentVariables(Map.of("ALB_IDLE_TIMEOUT", "75s"));
        try (ApplicationContext context = ApplicationContext.builder().propertySources(variables).start()) {
            assertThat(context.getBean(AlbSettings.class).idleTimeout()).isEqualTo(Duration.ofSeconds(75));
        }
    }

    @Test
    void failsTheStartupNamingPropertyRangeAndValue() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("alb.idle-timeout", "0s")).close())
                .rootCause()
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("alb.idle-timeout")
                .hasMessageContaining("between 1s and 4000s")
                .hasMessageContaining("but was 0s");
    }

    @Test
    void givesWayToSettingsTheApplicationDefines() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(UserSettings.SWITCH, "true"))) {
            assertThat(context.getBean(AlbTarget.class).settings().idleTimeout())
                    .isEqualTo(UserSettings.IDLE_TIMEOUT);
        }
    }

    @Test
    void makesNothingWhenSwitchedOff() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("alb.enabled", "false"))) {
            assertThat(context.findBean(AlbSettings.class)).isEmpty();
            assertThat(context.findBean(AlbTarget.class)).isEmpty();
            assertThat(context.findBean(AlbServerFilter.class)).isEmpty();
            assertThat(context.findBean(TargetLifecycle.class)).isEmpty();
            assertThat(context.findBean(NettyGuard.class)).isEmpty();
            assertThat(context.findBean(HeaderLimits.class)).isEmpty();
            assertThat(context.getBean(EmbeddedServer.class)).isNotInstanceOf(DrainFirstServer.class);
        }
    }
}
