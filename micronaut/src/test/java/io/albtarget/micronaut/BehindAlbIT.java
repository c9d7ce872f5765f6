package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Response;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Micronaut application on its Netty server, as the ALB and its health checker talk to it. */
class BehindAlbIT {

    private static EmbeddedServer server;
    private static int port;

    @BeforeAll
    static void start() {
        server = Servers.start(Map.of());
        port = server.getPort();
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void answersTheAlbHealthCheckExactlyAsSent() {
        Response response = RawHttp.exchange(port, "GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\nUser-Agent: ELB-HealthChecker/2.0\r\n"
                + "Accept-Encoding: gzip, compressed\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void acceptsBothHostFormsTheHealthCheckerSends() {
        assertThat(get("Host: 127.0.0.1\r\n").status()).isEqualTo(200);
        assertThat(get("Host: 127.0.0.1:" + port + "\r\n").status()).isEqualTo(200);
    }

    @Test
    void refusesAForeignHostWithConnectionClose() {
        Response response = get("Host: 203.0.113.9\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("Host is not an address of this target\n");
        assertThat(response.header("Connection")).isEqualTo("close");
    }

    @Test
    void closesAKeptAliveConnectionAfterARefusal() {
        try (RawHttp http = RawHttp.connect(port)) {
            assertThat(http.send("GET /hello HTTP/1.1\r\nHost: 203.0.113.9\r\n\r\n").read().status()).isEqualTo(400);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void refusesTwoHostHeaders() {
        assertThat(get("Host: 127.0.0.1\r\nHost: 127.0.0.1\r\n").status()).isEqualTo(400);
    }

    @Test
    void refusesAMissingHost() {
        assertThat(get("").status()).isEqualTo(400);
    }

    /**
     * Netty's decoder unfolds an obs-fold line into the value before it, so no filter can tell: the request is
     * served with {@code a b}. Refusing it needs albtarget's byte guard ahead of Netty's codec.
     */
    @Test
    void obsFoldIsUnfoldedByNettyAndServedWithoutTheByteGuard() {
        Response response = get("Host: 127.0.0.1\r\nX-Test: a\r\n b\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
    }

    private Response get(String hostLines) {
        return RawHttp.exchange(port, "GET /hello HTTP/1.1\r\n" + hostLines + "Connection: close\r\n\r\n");
    }
}
