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

        assertHostRefusal(response, "Host is not an address of this target");
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
        assertHostRefusal(get("Host: 127.0.0.1\r\nHost: 127.0.0.1\r\n"), "more than one Host header");
    }

    @Test
    void refusesAMissingHost() {
        assertHostRefusal(get(""), "Host header is missing");
    }

    /** albtarget's refusal, as its Netty handler after the codec writes it: one line of plain text, and close. */
    private static void assertHostRefusal(Response response, String reason) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain;charset=US-ASCII");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(response.body()).isEqualTo(reason + "\n");
    }

    private Response get(String hostLines) {
        return RawHttp.exchange(port, "GET /hello HTTP/1.1\r\n" + hostLines + "Connection: close\r\n\r\n");
    }
}
