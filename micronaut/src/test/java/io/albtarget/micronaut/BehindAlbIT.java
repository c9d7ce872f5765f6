package io.albtarget.micronaut;

import static io.albtarget.servlet.GuardAssertions.assertRefusal;
import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Response;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Micronaut application on its Netty server, as the ALB and its health checker talk to it, raw over sockets. What
 * Netty's decoder would unfold or accept is refused by albtarget's Netty handlers with albtarget's one line, after
 * the answers to the requests pipelined before it, and the connection closes.
 */
class BehindAlbIT {

    private static final String HOST_LINE = "Host: 127.0.0.1\r\n";

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
        Response response = RawHttp.exchange(port, RawHttp.albHealthCheck("127.0.0.1:" + port));

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

    private static void assertRefused(String request, int status) {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send(request);
            assertRefusedAndClosed(http, status);
        }
    }

    @Test
    void refusesAnObsFoldNettyWouldUnfold() {
        assertRefused("GET /hello HTTP/1.1\r\n" + HOST_LINE + "X-Test: a\r\n b\r\n\r\n", 400);
    }

    @Test
    void refusesAnEmptyHeaderName() {
        assertRefused("GET /hello HTTP/1.1\r\n" + HOST_LINE + ": a\r\n\r\n", 400);
    }

    @Test
    void answers501ToATransferCodingOtherThanChunkedAlone() {
        assertRefused("POST /hello HTTP/1.1\r\n" + HOST_LINE
                + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501);
    }

    @Test
    void refusesContentLengthWithTransferEncoding() {
        assertRefused("POST /hello HTTP/1.1\r\n" + HOST_LINE
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    }

    @Test
    void answersAPipelinedRequestBeforeTheRefusalOfTheOneAfterIt() {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send("GET /slow?millis=300 HTTP/1.1\r\n" + HOST_LINE + "\r\n"
                    + "GET /hello HTTP/1.1\r\n" + HOST_LINE + "X-Test: a\r\n b\r\n\r\n");

            Response first = http.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("slow");
            assertRefusedAndClosed(http);
        }
    }

    @Test
    void servesTheLongestRequestLineAndHeaderSectionTheAlbForwards() {
        String path = "/hello?q=" + "a".repeat(15 * 1024);
        String header = "X-Big: " + "b".repeat(60 * 1024) + "\r\n";

        Response response = RawHttp.exchange(port,
                "GET " + path + " HTTP/1.1\r\n" + HOST_LINE + header + "Connection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello");
    }

    @Test
    void keepsTheHeaderLimitsTheApplicationSets() {
        EmbeddedServer own = Servers.start(Map.of(HeaderLimits.MAX_HEADER_SIZE, "4096",
                HeaderLimits.MAX_INITIAL_LINE_LENGTH, "2048"));
        try {
            NettyHttpServerConfiguration configuration =
                    own.getApplicationContext().getBean(NettyHttpServerConfiguration.class);
            assertThat(configuration.getMaxHeaderSize()).isEqualTo(4096);
            assertThat(configuration.getMaxInitialLineLength()).isEqualTo(2048);
        } finally {
            own.getApplicationContext().close();
        }
    }

    /** albtarget's refusal, as its Netty handler after the codec writes it: one line of plain text, and close. */
    private static void assertHostRefusal(Response response, String reason) {
        assertRefusal(response, 400, reason);
    }

    private Response get(String hostLines) {
        return RawHttp.exchange(port, "GET /hello HTTP/1.1\r\n" + hostLines + "Connection: close\r\n\r\n");
    }
}
