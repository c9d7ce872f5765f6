package io.albtarget.compat.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.albtarget.AlbSettings;
import io.albtarget.servlet.RawHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every server of the matrix, with albtarget and as its baseline: it starts, serves, idles and stops as documented. */
final class ServersIT {

    private static final AlbSettings SETTINGS = MatrixSettings.SCALED;
    /** Past the ALB's idle timeout of the settings. */
    private static final Duration PAST_THE_ALBS_IDLE_TIMEOUT = Duration.ofMillis(2500);

    static Stream<Arguments> everyServerInEveryMode() {
        return Server.selected()
                .flatMap(server -> Arrays.stream(Mode.values()).map(mode -> Arguments.of(server, mode)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyServerInEveryMode")
    void startsAndServesTheApplication(Server server, Mode mode) throws IOException {
        long started = System.nanoTime();
        try (RunningServer running = server.start(mode, SETTINGS)) {
            System.out.printf("%s, %s: started in %d ms%n", server, mode,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            int port = running.port();
            assertThat(running.uri()).hasToString("http://127.0.0.1:" + port);

            for (String request : new String[] {get("/"), get("/echo"), get(App.SLOW + "?ms=10"),
                "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                        + "Connection: close\r\n\r\nhello",
                "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"}) {
                RawHttp.Response response = RawHttp.exchange(port, request);
                assertThat(response.status()).as("%s", request).isEqualTo(200);
                assertThat(response.header("Content-Type")).as("%s", request).startsWith(App.CONTENT_TYPE);
                assertThat(response.header("Content-Length")).as("%s", request)
                        .isEqualTo(String.valueOf(App.BODY_BYTES.length));
                assertThat(response.body()).as("%s", request).isEqualTo(App.BODY);
            }
            assertThat(head(port)).as("a whole response to HEAD, with no body").startsWith("HTTP/1.1 200 ")
                    .endsWith("\r\n\r\n");
            if (mode == Mode.ALBTARGET) {
                RawHttp.Response health = RawHttp.exchange(port, RawHttp.albHealthCheck("127.0.0.1:" + port));
                assertThat(health.status()).as("%s", health).isEqualTo(200);
                assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
            }
        }
    }

    /** A baseline closes at its scaled idle timeout; with albtarget, the contract's keep-alive item checks it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.albtarget.compat.matrix.Server#selected")
    void aBaselineClosesAnIdleConnectionAfterItsIdleTimeout(Server server) {
        try (RunningServer running = server.start(Mode.BASELINE, SETTINGS);
                RawHttp http = RawHttp.connect(running.port())) {
            assertThat(http.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").read().status()).isEqualTo(200);
            Duration idleTimeout = server.baselineIdleTimeout().orElse(Duration.ZERO);
            if (idleTimeout.isZero()) {
                assertThat(http.closedWithin(PAST_THE_ALBS_IDLE_TIMEOUT)).as("closed while idle").isFalse();
            } else {
                assertThat(http.closedWithin(idleTimeout.dividedBy(2))).as("closed before half its idle timeout")
                        .isFalse();
                // Tomcat's poller checks timeouts about once a second
                assertThat(http.closedWithin(idleTimeout.plusSeconds(2))).as("closed after its idle timeout")
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.albtarget.compat.matrix.Server#selected")
    void aHangingHealthDependencyHoldsAlbtargetsAnswerNoLongerThanTheHealthDeadline(Server server)
            throws Exception {
        try (RunningServer running = server.start(Mode.ALBTARGET, SETTINGS)) {
            int port = running.port();
            String healthCheck = RawHttp.albHealthCheck("127.0.0.1:" + port);
            assertThat(RawHttp.exchange(port, healthCheck).status()).as("the dependency answered UP").isEqualTo(200);

            AutoCloseable hang = running.hangDependency().orElseThrow();
            try {
                long asked = System.nanoTime();
                RawHttp.Response whileHanging = RawHttp.exchange(port, healthCheck);
                Duration took = Duration.ofNanos(System.nanoTime() - asked);
                System.out.printf("%s: health answered in %d ms while its dependency hung%n", server,
                        took.toMillis());
                assertThat(whileHanging.status()).as("its last result, UP, while the dependency hangs")
                        .isEqualTo(200);
                assertThat(took).as("waited for the hanging dependency up to the deadline")
                        .isGreaterThanOrEqualTo(SETTINGS.healthDeadline());
            } finally {
                hang.close();
            }
        }
        try (RunningServer baseline = server.start(Mode.BASELINE, SETTINGS)) {
            assertThat(baseline.hangDependency()).isEmpty();
        }
    }

    /** A baseline's shutdown returns once it has stopped; with albtarget, the contract's drain item checks it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.albtarget.compat.matrix.Server#selected")
    void aBaselinesShutdownReturnsOnceTheServerHasStopped(Server server) {
        Mode mode = Mode.BASELINE;
        RunningServer running = server.start(mode, SETTINGS);
        int port = running.port();
        long asked = System.nanoTime();
        running.shutdown();
        System.out.printf("%s, %s: shut down in %d ms%n", server, mode,
                Duration.ofNanos(System.nanoTime() - asked).toMillis());
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        running.close();
    }

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }

    /** Everything the server sends for a HEAD of {@code /}, up to its close. */
    private static String head(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }
}
