package io.albtarget.micronaut;

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
 * albtarget's Netty handlers around the codec of a Micronaut server, raw over sockets: what Netty's decoder would
 * unfold or accept is refused with albtarget's one line, after the answers to the requests pipelined before it, and
 * the connection closes.
 */
class NettyGuardIT {

    private static final String HOST = "Host: 127.0.0.1\r\n";

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

    private static void assertRefused(String request, int status) {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send(request);
            assertRefusedAndClosed(http, status);
        }
    }

    @Test
    void refusesAnObsFoldNettyWouldUnfold() {
        assertRefused("GET /hello HTTP/1.1\r\n" + HOST + "X-Test: a\r\n b\r\n\r\n", 400);
    }

    @Test
    void refusesAnEmptyHeaderName() {
        assertRefused("GET /hello HTTP/1.1\r\n" + HOST + ": a\r\n\r\n", 400);
    }

    @Test
    void answers501ToATransferCodingOtherThanChunkedAlone() {
        assertRefused("POST /hello HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501);
    }

    @Test
    void refusesContentLengthWithTransferEncoding() {
        assertRefused("POST /hello HTTP/1.1\r\n" + HOST
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    }

    @Test
    void answersAPipelinedRequestBeforeTheRefusalOfTheOneAfterIt() {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send("GET /slow?millis=300 HTTP/1.1\r\n" + HOST + "\r\n"
                    + "GET /hello HTTP/1.1\r\n" + HOST + "X-Test: a\r\n b\r\n\r\n");

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
                "GET " + path + " HTTP/1.1\r\n" + HOST + header + "Connection: close\r\n\r\n");

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
}
