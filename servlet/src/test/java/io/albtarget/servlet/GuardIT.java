package io.albtarget.servlet;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The request-head guard's contract on a connection, the same on every server: obs-fold is refused however the
 * bytes arrive and wherever the request stands on the connection, and nothing else is. Tomcat and Undertow keep it
 * by albtarget's guard ahead of their parsers; Jetty, started from a lenient compliance mode, by its own parser as
 * {@code AlbJetty} sets it. Single requests that must be refused are {@link WireCase}s in {@link AlbFilterIT}.
 */
class GuardIT {

    private static final TestServers.Shared SERVERS = new TestServers.Shared(
            server -> server.withAlbtarget(AlbSettings.defaults()));

    /** A body whose lines look like obs-fold and header lines, which a guard must leave to the body. */
    private static final String FOLD_LIKE_BODY = "a\r\n b\r\n\tc\r\n:d";
    private static final String OBS_FOLD = get("a\r\n b");

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    private static RawHttp connect(TestServers server) {
        return RawHttp.connect(SERVERS.get(server).port());
    }

    private static String get(String xTest) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: " + xTest + "\r\n\r\n";
    }

    private static String post(String headers, String body) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n" + body;
    }

    private static void assertEchoed(RawHttp.Response response, String xTest) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("x-test=" + xTest + "\n");
    }

    @ServerTest
    void cleanGetGets200(TestServers server) {
        try (RawHttp http = connect(server)) {
            assertEchoed(http.send(get("clean")).read(), "clean");
        }
    }

    @ServerTest
    @DisplayName("obs-fold sent one byte per write gets 400 and the connection closes")
    void obsFoldSentOneBytePerWriteIsRefused(TestServers server) {
        try (RawHttp http = connect(server)) {
            // stop at the refused byte: the server may answer and close before any later byte arrives
            http.sendOneBytePerWrite(OBS_FOLD.substring(0, OBS_FOLD.indexOf("\r\n b") + 3));
            assertRefusedAndClosed(http);
        }
    }

    @ServerTest
    void cleanGetSentOneBytePerWriteGets200(TestServers server) {
        try (RawHttp http = connect(server)) {
            assertEchoed(http.sendOneBytePerWrite(get("clean")).read(), "clean");
        }
    }

    @ServerTest
    void twoPipelinedCleanGetsGet200EachInOrder(TestServers server) {
        try (RawHttp http = connect(server)) {
            http.send(get("one") + get("two"));
            assertEchoed(http.read(), "one");
            assertEchoed(http.read(), "two");
        }
    }

    @ServerTest
    @DisplayName("fold-like bytes in a Content-Length body reach the application whole; a pipelined obs-fold after "
            + "the body still gets 400")
    void foldLikeBytesInAContentLengthBodyPassThenObsFoldIsRefused(TestServers server) {
        try (RawHttp http = connect(server)) {
            http.send(post("Content-Length: " + FOLD_LIKE_BODY.length() + "\r\n", FOLD_LIKE_BODY) + OBS_FOLD);
            RawHttp.Response response = http.read();
            assertEchoed(response, "");
            assertThat(response.header("X-Body-Length")).isEqualTo(Integer.toString(FOLD_LIKE_BODY.length()));
            assertRefusedAndClosed(http);
        }
    }

    @ServerTest
    @DisplayName("fold-like bytes in a chunked body reach the application whole; a pipelined GET gets 200 and an "
            + "obs-fold after it 400")
    void foldLikeBytesInAChunkedBodyPassThenPipelinedRequestsAreGuarded(TestServers server) {
        // the second chunk's data is CRLF SP, which a guard reading lines instead of chunks would take for a fold
        String chunks = Integer.toHexString(FOLD_LIKE_BODY.length()) + "\r\n" + FOLD_LIKE_BODY + "\r\n"
                + "3\r\n\r\n \r\n0\r\n\r\n";
        try (RawHttp http = connect(server)) {
            http.send(post("Transfer-Encoding: chunked\r\n", chunks) + get("after") + OBS_FOLD);
            RawHttp.Response response = http.read();
            assertEchoed(response, "");
            assertThat(response.header("X-Body-Length")).isEqualTo(Integer.toString(FOLD_LIKE_BODY.length() + 3));
            assertEchoed(http.read(), "after");
            assertRefusedAndClosed(http);
        }
    }

    @ServerTest
    void obsFoldAfterAKeptAliveCleanGetIsRefused(TestServers server) {
        try (RawHttp http = connect(server)) {
            assertEchoed(http.send(get("clean")).read(), "clean");
            http.send(OBS_FOLD);
            assertRefusedAndClosed(http);
        }
    }

    @ServerTest
    @DisplayName("a clean GET and an obs-fold in one write get 200, then 400")
    void pipelinedCleanGetAndObsFoldAreAnsweredInOrder(TestServers server) {
        try (RawHttp http = connect(server)) {
            http.send(get("clean") + OBS_FOLD);
            assertEchoed(http.read(), "clean");
            assertRefusedAndClosed(http);
        }
    }

    @ServerTest
    @DisplayName("after an upgrade the application declined, the connection is still guarded")
    void obsFoldAfterADeclinedUpgradeIsRefused(TestServers server) {
        try (RawHttp http = connect(server)) {
            http.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            assertEchoed(http.read(), "");
            http.send(OBS_FOLD);
            assertRefusedAndClosed(http);
        }
    }
}
