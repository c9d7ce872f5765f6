package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.time.Duration;

/**
 * Keep-alive above the ALB's idle timeout on every server, with the timeouts scaled down: an ALB idle timeout of
 * 2 s and a margin of 1 s make the server keep idle connections for 3 s.
 */
class KeepAliveIT {

    private static final AlbSettings SCALED = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
            .keepAliveMargin(Duration.ofSeconds(1)).build();

    private static String get(int port) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
    }

    @ServerTest
    void idleConnectionOutlivesTheAlbIdleTimeoutThenCloses(TestServers server) {
        try (TestServers.Running running = server.withAlbtarget(SCALED);
                RawHttp http = RawHttp.connect(running.port())) {
            assertThat(http.send(get(running.port())).read().status()).isEqualTo(200);
            assertThat(http.closedWithin(Duration.ofMillis(2500))).as("still open after 2.5 s").isFalse();
            assertThat(http.closedWithin(Duration.ofMillis(3500))).as("closed by the server before 6 s").isTrue();
        }
    }

    @ServerTest
    void connectionWithoutARequestOutlivesTheAlbIdleTimeout(TestServers server) {
        try (TestServers.Running running = server.withAlbtarget(SCALED);
                RawHttp http = RawHttp.connect(running.port())) {
            assertThat(http.closedWithin(Duration.ofMillis(2500))).as("still open after 2.5 s").isFalse();
            assertThat(http.send(get(running.port())).read().status()).isEqualTo(200);
        }
    }

    @ServerTest
    void connectionServesMoreThanTomcatsDefaultHundredRequests(TestServers server) {
        try (TestServers.Running running = server.withAlbtarget(AlbSettings.defaults());
                RawHttp http = RawHttp.connect(running.port())) {
            for (int i = 1; i <= 150; i++) {
                RawHttp.Response response = http.send(get(running.port())).read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("Connection")).as("request %d", i).isNotEqualToIgnoringCase("close");
            }
        }
    }
}
