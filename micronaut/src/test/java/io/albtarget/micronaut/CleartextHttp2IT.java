package io.albtarget.micronaut;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Frame;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Micronaut server with HTTP/2 on cleartext ({@code micronaut.server.http-version=2.0}), where Netty's h2c upgrade
 * handler owns the HTTP/1.1 codec: albtarget's Netty handlers still go around it, so HTTP/1.1 requests are guarded
 * as on any other server, and HTTP/2 by prior knowledge or by upgrade still works.
 */
class CleartextHttp2IT {

    private static final String HOST_LINE = "Host: 127.0.0.1\r\n";
    /** The client's connection preface, followed by an empty SETTINGS frame. */
    private static final String PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    private static final byte[] EMPTY_SETTINGS = new Frame(Frame.SETTINGS, 0, 0, new byte[0]).bytes();

    private static EmbeddedServer server;
    private static int port;

    @BeforeAll
    static void start() {
        server = Servers.start(Map.of("micronaut.server.http-version", "2.0"));
        port = server.getPort();
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
    }

    @Test
    void refusesAMultiLineHeaderBeforeNettyUnfoldsIt() {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send("GET /hello HTTP/1.1\r\n" + HOST_LINE + "\r\n"
                    + "GET /hello HTTP/1.1\r\n" + HOST_LINE + "X-Test: a\r\n b\r\n\r\n");

            assertThat(http.read().body()).isEqualTo("hello");
            assertRefusedAndClosed(http);
        }
    }

    @Test
    void refusesAForeignHostAndTwoHostLines() {
        assertHostRefused("Host: 203.0.113.9\r\n", "Host is not an address of this target\n");
        assertHostRefused(HOST_LINE + HOST_LINE, "more than one Host header\n");
    }

    private static void assertHostRefused(String hostLines, String reason) {
        try (RawHttp http = RawHttp.connect(port)) {
            RawHttp.Response response = http.send("GET /hello HTTP/1.1\r\n" + hostLines + "\r\n").read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(response.body()).isEqualTo(reason);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void servesHttp11OnAKeptAliveConnection() {
        try (RawHttp http = RawHttp.connect(port)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response response = http.send("GET /hello HTTP/1.1\r\n" + HOST_LINE + "\r\n").read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("hello");
            }
        }
    }

    @Test
    void upgradesToHttp2() {
        try (RawHttp http = RawHttp.connect(port)) {
            RawHttp.Response switched = http.send("GET /hello HTTP/1.1\r\n" + HOST_LINE
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABk\r\n\r\n").read();
            assertThat(switched.status()).isEqualTo(101);

            http.send(PREFACE).send(EMPTY_SETTINGS);
            assertThat(http.readFrame().type()).as("the server's first frame").isEqualTo(Frame.SETTINGS);
        }
    }

    @Test
    void speaksHttp2ByPriorKnowledge() {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send(PREFACE).send(EMPTY_SETTINGS);

            assertThat(http.readFrame().type()).isEqualTo(Frame.SETTINGS);
        }
    }
}
