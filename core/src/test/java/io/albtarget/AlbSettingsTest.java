package io.albtarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlbSettingsTest {

    private static AlbSettings bind(String key, String value) {
        return AlbSettings.bind(Map.of(key, value), Map.of());
    }

    private static String failure(String key, String value) {
        try {
            bind(key, value);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError(key + "=" + value + " was accepted");
    }

    @Test
    void defaultsAreTheAlbDefaults() {
        AlbSettings s = AlbSettings.defaults();
        assertThat(s.healthCheckPath()).isEqualTo("/health");
        assertThat(s.healthCheckPort()).isEmpty();
        assertThat(s.healthCheckProtocol()).isEqualTo(AlbSettings.Protocol.HTTP);
        assertThat(s.matcher()).isEqualTo(SuccessCodes.parse("200"));
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.healthyThreshold()).isEqualTo(5);
        assertThat(s.unhealthyThreshold()).isEqualTo(2);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.deregistrationDelay()).isEqualTo(Duration.ofSeconds(300));
        assertThat(s.protocolVersion()).isEqualTo(AlbSettings.ProtocolVersion.HTTP1);
        assertThat(s.tlsBackendPolicy()).isEqualTo(AlbSettings.TlsPolicy.ELB_SECURITY_POLICY_2016_08);
        assertThat(s.allowedHosts()).isEmpty();
        assertThat(s.allowedCidrs()).isEmpty();
        assertThat(s.keepAliveMargin()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.selfCheck()).isEqualTo(AlbSettings.SelfCheckMode.LOG);
        assertThat(s.enabled()).isTrue();
        assertThat(s.healthDeadline()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.healthDetails()).isFalse();
        assertThat(s.drainWait()).isEqualTo(Duration.ofSeconds(65));
        assertThat(s.drainWaitSet()).isFalse();
        assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.selfCheckReport()).isEmpty();
        assertThat(AlbSettings.bind(Map.of(), Map.of())).hasToString(s.toString());
    }

    @Test
    void toStringListsEverySettingInCatalogueOrderOnOneLine() {
        String hosts = String.join(",", Collections.nCopies(8, "a-long-host-name.example.com"));
        AlbSettings s = AlbSettings.builder().allowedHosts(List.of(hosts.split(",")))
                .selfCheckReport(Path.of("report\njson")).build();
        assertThat(AlbSettings.defaults().toString()).startsWith("AlbSettings[alb.enabled=true,"
                + " alb.health-check.path=/health, alb.health-check.port=traffic-port, alb.health-check.protocol=HTTP,")
                .endsWith(", alb.self-check.report=, alb.desync-mitigation-mode=defensive]");
        assertThat(s.toString().split(", (?=alb\\.)")).hasSize(Setting.values().length);
        assertThat(s.toString()).contains("alb.hosts.allowed=" + hosts + ", ")
                .contains("alb.self-check.report=report\\u000ajson").doesNotContain("\n");
    }

    @Test
    void drainWaitIsCappedByTheDeregistrationDelay() {
        AlbSettings s = AlbSettings.builder().deregistrationDelay(Duration.ofSeconds(20)).build();
        assertThat(s.drainWait()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.toBuilder().drainWait(Duration.ofSeconds(4)).build().drainWait())
                .isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void everyPropertyBinds() {
        Map<String, String> properties = Map.ofEntries(
                Map.entry("alb.health-check.path", "/ready?full=1"),
                Map.entry("alb.health-check.port", "9090"),
                Map.entry("alb.health-check.protocol", "https"),
                Map.entry("alb.health-check.matcher", "200-299"),
                Map.entry("alb.health-check.interval", "10"),
                Map.entry("alb.health-check.timeout", "6000ms"),
                Map.entry("alb.health-check.healthy-threshold", "3"),
                Map.entry("alb.health-check.unhealthy-threshold", "4"),
                Map.entry("alb.idle-timeout", "2m"),
                Map.entry("alb.deregistration-delay", "1h"),
                Map.entry("alb.protocol-version", "HTTP2"),
                Map.entry("alb.tls.backend-policy", "ELBSecurityPolicy-TLS13-1-0-2021-06"),
                Map.entry("alb.hosts.allowed", " api.example.com, ,www.example.com "),
                Map.entry("alb.hosts.allowed-cidrs", "10.0.0.0/16"),
                Map.entry("alb.keep-alive.margin", "1s"),
                Map.entry("alb.self-check", "FAIL"),
                Map.entry("alb.enabled", "TRUE"),
                Map.entry("alb.health.deadline", "500ms"),
                Map.entry("alb.health.details", "true"),
                Map.entry("alb.drain.wait", "4s"),
                Map.entry("alb.drain.timeout", "0"),
                Map.entry("alb.self-check.report", "build/report.json"));
        AlbSettings s = AlbSettings.bind(properties, Map.of());
        assertThat(s.healthCheckPath()).isEqualTo("/ready?full=1");
        assertThat(s.healthCheckPort()).hasValue(9090);
        assertThat(s.healthCheckProtocol()).isEqualTo(AlbSettings.Protocol.HTTPS);
        assertThat(s.matcher().matches(250)).isTrue();
        assertThat(s.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(s.healthyThreshold()).isEqualTo(3);
        assertThat(s.unhealthyThreshold()).isEqualTo(4);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.deregistrationDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(s.protocolVersion()).isEqualTo(AlbSettings.ProtocolVersion.HTTP2);
        assertThat(s.tlsBackendPolicy()).isEqualTo(AlbSettings.TlsPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06);
        assertThat(s.allowedHosts()).containsExactly("api.example.com", "www.example.com");
        assertThat(s.allowedCidrs()).containsExactly("10.0.0.0/16");
        assertThat(s.keepAliveMargin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.selfCheck()).isEqualTo(AlbSettings.SelfCheckMode.FAIL);
        assertThat(s.enabled()).isTrue();
        assertThat(s.healthDeadline()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.healthDetails()).isTrue();
        assertThat(s.drainWait()).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.drainTimeout()).isZero();
        assertThat(s.selfCheckReport()).hasValue(Path.of("build/report.json"));
        assertThat(s.toString()).contains("alb.health-check.matcher=200-299", "alb.idle-timeout=120s",
                "alb.health.deadline=500ms", "alb.self-check=fail");
    }

    @Nested
    class Environment {

        @Test
        void environmentVariablesBind() {
            AlbSettings s = AlbSettings.bind(Map.of(), Map.of("ALB_HEALTH_CHECK_PATH", "/ping",
                    "ALB_IDLE_TIMEOUT", "3s", "ALB_KEEP_ALIVE_MARGIN", "2s", "PATH", "/usr/bin"));
            assertThat(s.healthCheckPath()).isEqualTo("/ping");
            assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(s.keepAliveMargin()).isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void propertiesWinOverEnvironment() {
            AlbSettings s = AlbSettings.bind(Map.of("alb.health-check.path", "/from-property"),
                    Map.of("ALB_HEALTH_CHECK_PATH", "/from-env"));
            assertThat(s.healthCheckPath()).isEqualTo("/from-property");
        }

        @Test
        void unknownVariablesAreNotFatal() {
            AlbSettings s = AlbSettings.bind(Map.of(), Map.of("ALB_DNS_NAME", "x.elb.amazonaws.com"));
            assertThat(s.toString()).isEqualTo(AlbSettings.defaults().toString());
        }

        @Test
        void invalidEnvironmentValueNamesTheProperty() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> AlbSettings.bind(Map.of(), Map.of("ALB_HEALTH_CHECK_INTERVAL", "2s")))
                    .withMessage("alb.health-check.interval must be between 5s and 300s, but was 2s");
        }

        @Test
        void blankValuesCountAsUnset() {
            AlbSettings s = AlbSettings.bind(Map.of("alb.health-check.path", " "),
                    Map.of("ALB_IDLE_TIMEOUT", ""));
            assertThat(s.healthCheckPath()).isEqualTo("/health");
            assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    /** Binding from a framework's property source, which applies its own precedence and names. */
    @Nested
    class Lookup {

        @Test
        void asksForEachPropertyOnceInCatalogueOrder() {
            List<String> asked = new ArrayList<>();
            AlbSettings s = AlbSettings.bind(property -> {
                asked.add(property);
                return property.equals("alb.idle-timeout") ? "3s" : null;
            });
            assertThat(asked).containsExactlyElementsOf(
                    Arrays.stream(Setting.values()).map(Setting::property).toList());
            assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(3));
        }

        @Test
        void theSourceDecidesWhichValueWins() {
            Map<String, String> environment = Map.of("ALB_HEALTH_CHECK_PATH", "/from-env", "ALB_IDLE_TIMEOUT", "7s");
            Map<String, String> properties = Map.of("alb.health-check.path", "/from-property");
            AlbSettings s = AlbSettings.bind(property -> properties.getOrDefault(property,
                    environment.get(property.toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"))));
            assertThat(s.healthCheckPath()).isEqualTo("/from-property");
            assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        void blankValuesCountAsUnset() {
            AlbSettings s = AlbSettings.bind(property -> property.equals("alb.health-check.path") ? " \t" : "");
            assertThat(s).hasToString(AlbSettings.defaults().toString());
        }

        @Test
        void switchedOffIgnoresEveryOtherValue() {
            Map<String, String> values = Map.of("alb.enabled", " FALSE ", "alb.health-check.interval", "2s",
                    "alb.health-check.port", "http");
            AlbSettings s = AlbSettings.bind(values::get);
            assertThat(s.enabled()).isFalse();
            assertThat(s.interval()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void everyProblemIsReportedAtOnceWithItsSetting() {
            Map<String, String> values = Map.of("alb.enabled", "true", "alb.health-check.interval", "2s",
                    "alb.health-check.port", "http", "alb.self-check", "warn");
            InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                    () -> AlbSettings.bind(values::get));
            assertThat(e).hasMessageStartingWith("3 invalid alb.* settings: ");
            assertThat(e.problems()).extracting(p -> p.setting().orElseThrow(), InvalidSettingsException.Problem::value)
                    .containsExactly(tuple(Setting.HEALTH_CHECK_PORT, "http"),
                            tuple(Setting.HEALTH_CHECK_INTERVAL, "2s"), tuple(Setting.SELF_CHECK, "warn"));
            assertThat(e.problems()).extracting(InvalidSettingsException.Problem::message).containsExactly(
                    "alb.health-check.port must be traffic-port or a port from 1 to 65535, but was 'http'",
                    "alb.health-check.interval must be between 5s and 300s, but was 2s",
                    "alb.self-check must be one of log, fail, off, but was 'warn'");
        }

        @Test
        void aBrokenSwitchIsReportedWithTheOthers() {
            Map<String, String> values = Map.of("alb.enabled", "no", "alb.idle-timeout", "0");
            InvalidSettingsException e = catchThrowableOfType(InvalidSettingsException.class,
                    () -> AlbSettings.bind(values::get));
            assertThat(e.problems()).extracting(InvalidSettingsException.Problem::property)
                    .containsExactly("alb.enabled", "alb.idle-timeout");
        }

        @Test
        void reportsWhatTheMapBindingReports() {
            Map<String, String> values = Map.of("alb.health-check.matcher", "600", "alb.drain.wait", "2h",
                    "alb.health-check.interval", "5s");
            String fromLookup = catchThrowableOfType(InvalidSettingsException.class,
                    () -> AlbSettings.bind(values::get)).getMessage();
            String fromMap = catchThrowableOfType(InvalidSettingsException.class,
                    () -> AlbSettings.bind(values, Map.of())).getMessage();
            assertThat(fromLookup).startsWith("2 invalid alb.* settings: ").isEqualTo(fromMap);
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "alb.health-check.interval           | 2s     | alb.health-check.interval must be between 5s and 300s, but was 2s",
        "alb.health-check.interval           | 301s   | alb.health-check.interval must be between 5s and 300s, but was 301s",
        "alb.health-check.interval           | 5500ms | alb.health-check.interval must be a whole number of seconds between 5s and 300s, but was 5500ms",
        "alb.health-check.interval           | abc    | alb.health-check.interval must be a duration such as 30s, 500ms, 2m or 30 (seconds), but was 'abc'",
        "alb.health-check.interval           | -5s    | alb.health-check.interval must be a duration such as 30s, 500ms, 2m or 30 (seconds), but was '-5s'",
        "alb.health-check.interval           | 5d     | alb.health-check.interval must be a duration such as 30s, 500ms, 2m or 30 (seconds), but was '5d'",
        "alb.health-check.interval           | 9999999h | alb.health-check.interval must be at most 365 days, but was '9999999h'",
        "alb.health-check.timeout            | 1s     | alb.health-check.timeout must be between 2s and 120s, but was 1s",
        "alb.health-check.timeout            | 121    | alb.health-check.timeout must be between 2s and 120s, but was 121s",
        "alb.health-check.healthy-threshold  | 1      | alb.health-check.healthy-threshold must be between 2 and 10, but was 1",
        "alb.health-check.healthy-threshold  | 11     | alb.health-check.healthy-threshold must be between 2 and 10, but was 11",
        "alb.health-check.healthy-threshold  | five   | alb.health-check.healthy-threshold must be a whole number from 2 to 10, but was 'five'",
        "alb.health-check.unhealthy-threshold| 0      | alb.health-check.unhealthy-threshold must be between 2 and 10, but was 0",
        "alb.health-check.port               | 0      | alb.health-check.port must be between 1 and 65535, but was 0",
        "alb.health-check.port               | 65536  | alb.health-check.port must be between 1 and 65535, but was 65536",
        "alb.health-check.port               | http   | alb.health-check.port must be traffic-port or a port from 1 to 65535, but was 'http'",
        "alb.health-check.path               | health | alb.health-check.path must be 1 to 1024 characters starting with '/', without spaces, control characters or '#', but was 'health'",
        "alb.health-check.path               | /a b   | alb.health-check.path must be 1 to 1024 characters starting with '/', without spaces, control characters or '#', but was '/a b'",
        "alb.health-check.protocol           | TCP    | alb.health-check.protocol must be HTTP or HTTPS, but was 'TCP'",
        "alb.health-check.matcher            | 500    | alb.health-check.matcher must be a code from 200 to 499",
        "alb.idle-timeout                    | 0      | alb.idle-timeout must be between 1s and 4000s, but was 0s",
        "alb.idle-timeout                    | 4001s  | alb.idle-timeout must be between 1s and 4000s, but was 4001s",
        "alb.deregistration-delay            | 3601   | alb.deregistration-delay must be between 0s and 3600s, but was 3601s",
        "alb.protocol-version                | HTTP3  | alb.protocol-version must be one of HTTP1, HTTP2, GRPC, but was 'HTTP3'",
        "alb.tls.backend-policy              | TLS12  | alb.tls.backend-policy must be ELBSecurityPolicy-2016-08 or ELBSecurityPolicy-TLS13-1-0-2021-06, but was 'TLS12'",
        "alb.keep-alive.margin               | 2h     | alb.keep-alive.margin must be between 0s and 3600s, but was 7200s",
        "alb.self-check                      | warn   | alb.self-check must be one of log, fail, off, but was 'warn'",
        "alb.enabled                         | yes    | alb.enabled must be true or false, but was 'yes'",
        "alb.health.details                  | 1      | alb.health.details must be true or false, but was '1'",
        "alb.health.deadline                 | 0      | alb.health.deadline must be between 1ms and 120s, but was 0s",
        "alb.drain.wait                      | 2h     | alb.drain.wait must be between 0s and 3600s, but was 7200s",
        "alb.drain.timeout                   | 61m    | alb.drain.timeout must be between 0s and 3600s, but was 3660s",
    })
    void wrongValueNamesPropertyRangeAndValue(String key, String value, String message) {
        assertThat(failure(key, value)).startsWith(message);
    }

    @Test
    void intervalMustExceedTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> AlbSettings.bind(
                Map.of("alb.health-check.interval", "10s", "alb.health-check.timeout", "10s"), Map.of()))
                .withMessage("alb.health-check.interval (10s) must be greater than alb.health-check.timeout (10s)");
    }

    @Test
    void deadlineMustBeBelowTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> AlbSettings.builder()
                .healthDeadline(Duration.ofSeconds(5)).build())
                .withMessage("alb.health.deadline (5s) must be less than alb.health-check.timeout (5s)");
    }

    @Test
    void unknownPropertyIsReportedWithTheClosestSetting() {
        assertThat(failure("alb.health-check.intervall", "30s"))
                .isEqualTo("unknown setting alb.health-check.intervall (did you mean alb.health-check.interval?)");
        assertThat(failure("alb.idle_timeout", "30s"))
                .isEqualTo("unknown setting alb.idle_timeout (did you mean alb.idle-timeout?)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatIllegalArgumentException().isThrownBy(() -> AlbSettings.bind(Map.of(
                "alb.health-check.interval", "2s", "alb.idle-timeout", "0", "alb.hostz", "x", "other.key", "y"),
                Map.of()))
                .withMessageStartingWith("3 invalid alb.* settings: ")
                .withMessageContaining("alb.health-check.interval must be between 5s and 300s, but was 2s")
                .withMessageContaining("alb.idle-timeout must be between 1s and 4000s, but was 0s")
                .withMessageContaining("unknown setting alb.hostz");
    }

    @Test
    void switchedOffIgnoresEveryOtherValue() {
        AlbSettings s = AlbSettings.bind(Map.of("alb.enabled", "false", "alb.health-check.interval", "2s"),
                Map.of());
        assertThat(s.enabled()).isFalse();
        assertThat(failure("alb.enabled", "no")).isEqualTo("alb.enabled must be true or false, but was 'no'");
    }

    @Test
    void builderValidatesAtOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AlbSettings.builder().idleTimeout(Duration.ofMillis(1500)))
                .withMessage("alb.idle-timeout must be a whole number of seconds between 1s and 4000s,"
                        + " but was 1500ms");
        assertThatIllegalArgumentException().isThrownBy(() -> AlbSettings.builder().healthCheckPort(70000))
                .withMessage("alb.health-check.port must be between 1 and 65535, but was 70000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AlbSettings.builder().keepAliveMargin(Duration.ofSeconds(-1)))
                .withMessage("alb.keep-alive.margin must be between 0s and 3600s, but was PT-1S");
    }

    @Test
    void builderCopiesLists() {
        List<String> hosts = new ArrayList<>(List.of("a.example"));
        AlbSettings s = AlbSettings.builder().allowedHosts(hosts).build();
        hosts.add("b.example");
        assertThat(s.allowedHosts()).containsExactly("a.example");
        assertThat(s.toBuilder().build().allowedHosts()).containsExactly("a.example");
    }

    @Test
    void trafficPortCanBeRestored() {
        assertThat(bind("alb.health-check.port", "Traffic-Port").healthCheckPort()).isEmpty();
        assertThat(AlbSettings.builder().healthCheckPort(8081).healthCheckTrafficPort().build().healthCheckPort())
                .isEmpty();
    }
}
