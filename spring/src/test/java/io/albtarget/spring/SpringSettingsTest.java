package io.albtarget.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SpringSettingsTest {

    /** An environment with, highest precedence first: system properties, variables, application properties. */
    private static StandardEnvironment environment(Map<String, Object> systemProperties,
            Map<String, Object> variables, Map<String, Object> applicationProperties) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addLast(new MapPropertySource("test-system-properties", systemProperties));
        sources.addLast(new SystemEnvironmentPropertySource("test-variables", variables));
        sources.addLast(new MapPropertySource("application.yaml", applicationProperties));
        return environment;
    }

    @Test
    void aVariableAloneCounts() {
        assertThat(SpringSettings.bind(environment(Map.of(), Map.of("ALB_IDLE_TIMEOUT", "120s"), Map.of()))
                .idleTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aVariableOutranksTheApplicationsProperties() {
        assertThat(SpringSettings.bind(environment(Map.of(), Map.of("ALB_IDLE_TIMEOUT", "120s"),
                Map.of("alb.idle-timeout", "90s"))).idleTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aSystemPropertyOutranksTheVariable() {
        assertThat(SpringSettings.bind(environment(Map.of("alb.idle-timeout", "30s"),
                Map.of("ALB_IDLE_TIMEOUT", "120s"), Map.of("alb.idle-timeout", "90s"))).idleTimeout())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theApplicationsPropertiesWithoutVariables() {
        StandardEnvironment environment = environment(Map.of(), Map.of(),
                Map.of("alb.health-check.path", "/ping", "alb.drain.wait", "${wait}", "wait", "4s"));
        assertThat(SpringSettings.bind(environment).healthCheckPath()).isEqualTo("/ping");
        assertThat(SpringSettings.bind(environment).drainWait()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void otherPropertiesAndVariablesAreNotAlbtargets() {
        assertThat(SpringSettings.bind(environment(Map.of("server.port", "0"), Map.of("ALBUM", "x", "PATH", "/"),
                Map.of("albtarget.spring.health-group", "readiness"))).idleTimeout())
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anUnknownOrInvalidPropertyIsNamed() {
        assertThatThrownBy(() -> SpringSettings.bind(environment(Map.of(), Map.of(),
                Map.of("alb.idle-timout", "120s"))))
                .isInstanceOf(InvalidAlbSettingsException.class)
                .hasMessage("unknown setting alb.idle-timout (did you mean alb.idle-timeout?)");
        assertThatThrownBy(() -> SpringSettings.bind(environment(Map.of(), Map.of("ALB_IDLE_TIMEOUT", "9000s"),
                Map.of())))
                .isInstanceOf(InvalidAlbSettingsException.class)
                .hasMessageContaining("alb.idle-timeout").hasMessageContaining("9000s");
    }
}
