package io.albtarget.compat.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.AlbSettings;
import io.albtarget.servlet.TestKeystore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthCheckSimulatorIT {

    private static final TimeScale FAST = TimeScale.dividedBy(10);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Interval 500 ms, timeout 200 ms, deregistration delay 500 ms at the fast scale. */
    private static AlbSettings.Builder settings() {
        return AlbSettings.builder().healthCheckPath(RawTarget.HEALTH_PATH).interval(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(2)).healthyThreshold(3).unhealthyThreshold(2)
                .deregistrationDelay(Duration.ofSeconds(5));
    }

    /** A target whose health checks get this answer, which a test may change. */
    private static RawTarget answering(AtomicReference<String> answer) throws IOException {
        return RawTarget.start(connection -> {
            if (connection.readRequest() != null) {
                connection.write(answer.get());
            }
        });
    }

    private static HealthCheckSimulator simulator(RawTarget target) {
        return HealthCheckSimulator.of(target.address(), settings().build(), FAST);
    }

    @Test
    void oneCheckAnsweredByAMatchingCodeMakesANewTargetHealthy() throws IOException {
        try (RawTarget target = answering(new AtomicReference<>(RawTarget.HEALTHY));
                HealthCheckSimulator alb = simulator(target)) {
            assertThat(alb.health()).isEqualTo(new TargetHealth(TargetState.INITIAL,
                    Optional.of(ReasonCode.INITIAL_HEALTH_CHECKING), "Initial health checks in progress"));

            HealthCheckResult result = alb.checkOnce();

            assertThat(result.passed()).as(result.toString()).isTrue();
            assertThat(result.status()).isEqualTo(OptionalInt.of(200));
            assertThat(alb.health()).isEqualTo(new TargetHealth(TargetState.HEALTHY, Optional.empty(), ""));
        }
    }

    @Test
    void sendsExactlyTheAlbsRequestOnANewConnectionToTheHealthCheckPort() throws IOException {
        try (RawTarget traffic = answering(new AtomicReference<>(RawTarget.HEALTHY));
                RawTarget checked = answering(new AtomicReference<>(RawTarget.HEALTHY));
                HealthCheckSimulator alb = HealthCheckSimulator.of(traffic.address(),
                        settings().healthCheckPath("/health?deep=1").healthCheckPort(checked.address().getPort())
                                .build(), FAST)) {
            alb.checkOnce();
            alb.checkOnce();

            String expected = "GET /health?deep=1 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + checked.address().getPort() + "\r\n"
                    + "Connection: close\r\n"
                    + "User-Agent: ELB-HealthChecker/2.0\r\n"
                    + "Accept-Encoding: gzip, compressed\r\n"
                    + "\r\n";
            // each connection's script reads one request only, so two requests mean two connections
            assertThat(checked.requests()).containsExactly(expected, expected);
            assertThat(traffic.requests()).isEmpty();
        }
    }

    @Test
    void checksOverTlsWhenTheProtocolIsHttps(@TempDir Path dir) throws IOException {
        SSLContext tls = TestKeystore.serverContext(TestKeystore.create(dir));
        RawTarget.Script answer = connection -> {
            if (connection.readRequest() != null) {
                connection.write(RawTarget.HEALTHY);
            }
        };
        try (RawTarget target = RawTarget.startTls(tls, answer);
                // real time: a first TLS handshake in a cold JVM may take longer than a scaled timeout of 200 ms
                HealthCheckSimulator https = HealthCheckSimulator.of(target.address(),
                        settings().healthCheckProtocol(AlbSettings.Protocol.HTTPS).build(), TimeScale.REAL);
                HealthCheckSimulator http = HealthCheckSimulator.of(target.address(), settings().build(),
                        TimeScale.REAL)) {
            HealthCheckResult overTls = https.checkOnce();
            HealthCheckResult plain = http.checkOnce();

            assertThat(overTls.passed()).as(overTls.toString()).isTrue();
            assertThat(target.requests().get(0)).startsWith("GET /health HTTP/1.1\r\nHost: 127.0.0.1:"
                    + target.address().getPort() + "\r\n");
            assertThat(plain.failure()).as(plain.toString()).contains(ReasonCode.FAILED_HEALTH_CHECKS);
        }
    }

    @Test
    void aCodeOutsideTheMatcherFailsWithResponseCodeMismatchAfterTheUnhealthyThreshold() throws IOException {
        String unavailable = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        try (RawTarget target = answering(new AtomicReference<>(unavailable));
                HealthCheckSimulator alb = simulator(target)) {
            HealthCheckResult first = alb.checkOnce();
            assertThat(first.failure()).contains(ReasonCode.RESPONSE_CODE_MISMATCH);
            assertThat(first.detail()).isEqualTo("code 503 not in matcher \"200\"");
            assertThat(alb.health().state()).isEqualTo(TargetState.INITIAL);

            alb.checkOnce();

            assertThat(alb.health()).hasToString("unhealthy Target.ResponseCodeMismatch: Health checks failed with"
                    + " these codes: [503]");
            assertThat(alb.results()).hasSize(2);
        }
    }

    @Test
    void aTargetThatNeverAnswersTimesOut() throws IOException {
        RawTarget.Script silent = connection -> {
            connection.readRequest();
            connection.readRequest();
        };
        try (RawTarget target = RawTarget.start(silent); HealthCheckSimulator alb = simulator(target)) {
            HealthCheckResult result = alb.checkOnce();

            assertThat(result.passed()).isFalse();
            assertThat(result.failure()).contains(ReasonCode.TIMEOUT);
            assertThat(result.status()).isEmpty();
            assertThat(result.detail()).startsWith("timed out after 200ms");
            assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            alb.checkOnce();
            assertThat(alb.health()).hasToString("unhealthy Target.Timeout: Request timed out");
        }
    }

    @Test
    void aRefusedConnectionIsAFailedHealthCheck() throws IOException {
        InetSocketAddress closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        }
        try (HealthCheckSimulator alb = HealthCheckSimulator.of(closed, settings().build(), FAST)) {
            HealthCheckResult result = alb.checkOnce();
            alb.checkOnce();

            assertThat(result.failure()).contains(ReasonCode.FAILED_HEALTH_CHECKS);
            assertThat(result.detail()).isEqualTo("connection refused");
            assertThat(alb.health().reason()).contains(ReasonCode.FAILED_HEALTH_CHECKS);
        }
    }

    @Test
    void aResponseCutShortIsAFailedHealthCheck() throws IOException {
        String cut = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nok";
        try (RawTarget target = answering(new AtomicReference<>(cut)); HealthCheckSimulator alb = simulator(target)) {
            HealthCheckResult result = alb.checkOnce();

            assertThat(result.passed()).isFalse();
            assertThat(result.failure()).contains(ReasonCode.FAILED_HEALTH_CHECKS);
            assertThat(result.status()).isEqualTo(OptionalInt.of(200));
        }
    }

    @Test
    void thresholdsCountConsecutiveChecksOnly() throws IOException {
        String unavailable = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        AtomicReference<String> answer = new AtomicReference<>(RawTarget.HEALTHY);
        try (RawTarget target = answering(answer); HealthCheckSimulator alb = simulator(target)) {
            alb.checkOnce();
            answer.set(unavailable);
            alb.checkOnce();
            answer.set(RawTarget.HEALTHY);
            alb.checkOnce();
            answer.set(unavailable);
            alb.checkOnce();
            assertThat(alb.health().state()).as("one failure at a time").isEqualTo(TargetState.HEALTHY);

            alb.checkOnce();
            assertThat(alb.health().state()).as("unhealthy threshold 2").isEqualTo(TargetState.UNHEALTHY);

            answer.set(RawTarget.HEALTHY);
            alb.checkOnce();
            alb.checkOnce();
            answer.set(unavailable);
            alb.checkOnce();
            answer.set(RawTarget.HEALTHY);
            alb.checkOnce();
            alb.checkOnce();
            assertThat(alb.health().state()).as("two successes after a failure").isEqualTo(TargetState.UNHEALTHY);

            alb.checkOnce();
            assertThat(alb.health().state()).as("healthy threshold 3").isEqualTo(TargetState.HEALTHY);
        }
    }

    @Test
    void awaitStateExplainsWhyTheStateDidNotCome() throws IOException {
        String unavailable = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        try (RawTarget target = answering(new AtomicReference<>(unavailable));
                HealthCheckSimulator alb = simulator(target)) {
            alb.start();

            assertThatThrownBy(() -> alb.awaitState(TargetState.HEALTHY, Duration.ofMillis(1500)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not turn healthy within 1500ms")
                    .hasMessageContaining("Target.ResponseCodeMismatch")
                    .hasMessageContaining("last check: failed (Target.ResponseCodeMismatch): code 503 not in matcher");
        }
    }

    @Test
    void deregistrationDrainsForTheDelayAndStopsTheChecks() throws Exception {
        try (RawTarget target = answering(new AtomicReference<>(RawTarget.HEALTHY));
                HealthCheckSimulator alb = simulator(target)) {
            AtomicReference<TargetHealth> announced = new AtomicReference<>();
            alb.onChange(announced::set);
            alb.start();
            alb.awaitState(TargetState.HEALTHY, WAIT);

            alb.deregister();

            assertThat(alb.health()).hasToString("draining Target.DeregistrationInProgress: Target deregistration is"
                    + " in progress");
            TargetHealth unused = alb.awaitState(TargetState.UNUSED, WAIT);
            assertThat(unused).hasToString("unused Target.NotRegistered: Target is not registered to the target"
                    + " group");
            assertThat(announced.get()).isEqualTo(unused);
            int checks = target.requests().size();
            Thread.sleep(1000);
            assertThat(target.requests()).as("checks after the target turned unused").hasSize(checks);
        }
    }
}
