package io.albtarget.servlet;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.AlbSettings.DesyncMitigationMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * {@code alb.desync-mitigation-mode} other than the default, on every server: {@code strictest} refuses every request
 * that is not compliant, {@code monitor} serves what the server accepts; in both the codings the ALB answers with
 * 501 get 501, and a framing the guard cannot follow is refused.
 */
class DesyncModesIT {

    private static final TestServers.Shared STRICTEST = new TestServers.Shared(server -> server.withAlbtarget(
            AlbSettings.builder().desyncMitigationMode(DesyncMitigationMode.STRICTEST).build()));
    private static final TestServers.Shared MONITOR = new TestServers.Shared(server -> server.withAlbtarget(
            AlbSettings.builder().desyncMitigationMode(DesyncMitigationMode.MONITOR).build()));

    private static final String COMPLIANT = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String ZERO_LENGTH_GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
    private static final String GET_WITH_BODY = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello";
    private static final String CONNECTION_NAMES_FRAMING =
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Transfer-Encoding\r\nX-Test: v\r\n\r\n";
    private static final String GZIP = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
            + "0\r\n\r\n";
    private static final String LENGTH_AND_CODING = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n";

    @AfterAll
    static void stop() {
        STRICTEST.close();
        MONITOR.close();
    }

    @ServerTest
    @DisplayName("strictest refuses an Acceptable request the default mode serves, and a GET with a body")
    void strictest(TestServers server) {
        int port = STRICTEST.get(server).port();
        assertThat(RawHttp.exchange(port, COMPLIANT).status()).isEqualTo(200);
        for (String request : new String[] {ZERO_LENGTH_GET, GET_WITH_BODY, CONNECTION_NAMES_FRAMING}) {
            try (RawHttp http = RawHttp.connect(port)) {
                assertRefusedAndClosed(http.send(request), 400);
            }
        }
        try (RawHttp http = RawHttp.connect(port)) {
            assertRefusedAndClosed(http.send(GZIP), 501);
        }
    }

    @ServerTest
    @DisplayName("monitor serves what the server accepts, and still keeps the guard on the connection")
    void monitor(TestServers server) {
        int port = MONITOR.get(server).port();
        try (RawHttp http = RawHttp.connect(port)) {
            RawHttp.Response served = http.send(CONNECTION_NAMES_FRAMING + GET_WITH_BODY + ZERO_LENGTH_GET).read();
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.body()).isEqualTo("x-test=v\n");
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.read().status()).isEqualTo(200);
            // a coding the ALB answers with 501 whatever its mode, after three requests on the connection
            assertRefusedAndClosed(http.send(GZIP), 501);
        }
        try (RawHttp http = RawHttp.connect(port)) {
            assertRefusedAndClosed(http.send(LENGTH_AND_CODING), 400);
        }
    }
}
