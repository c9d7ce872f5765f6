package io.albtarget.netty;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.http.DesyncCases;
import io.albtarget.http.DesyncReason;
import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.TestKeystore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard's contract on a Netty connection, raw over sockets: every request the defensive mode refuses is refused
 * however its bytes arrive and wherever it stands on the connection, after the answers to the requests before it,
 * and nothing else is.
 */
class NettyGuardIT {

    private static final AlbNetty ALB = AlbNetty.of(AlbSettings.defaults());
    private static final NettyTestServer SERVER = NettyTestServer.guarded(ALB);
    private static final String GOOD = "GET /good HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String OBS_FOLD = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: a\r\n b\r\n\r\n";

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    /** Every complete case the defensive mode refuses with 400. */
    static List<DesyncCases.Case> refused() {
        return DesyncCases.all().stream()
                .filter(c -> c.complete() && c.reason().defensive() == DesyncReason.Defensive.REFUSE)
                .toList();
    }

    private static RawHttp connect() {
        return RawHttp.connect(SERVER.port());
    }

    private static void assertGood(RawHttp.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.body()).startsWith("GET /good\n");
    }

    /** Sends, ignoring a failure once the server has answered and closed before the last bytes went out. */
    private static void sendAll(RawHttp http, String first, String rest) {
        http.send(first);
        try {
            Thread.sleep(20);
            http.send(rest);
        } catch (UncheckedIOException e) {
            // refused at a byte in the first part: the server closed the connection already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWhenSplitAcrossTwoReads(DesyncCases.Case c) {
        try (RawHttp http = connect()) {
            int middle = c.request().length() / 2;
            sendAll(http, c.request().substring(0, middle), c.request().substring(middle));
            assertRefusedAndClosed(http);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedAfterAPipelinedGoodRequestWhoseAnswerComesFirst(DesyncCases.Case c) {
        try (RawHttp http = connect()) {
            http.send(GOOD + c.request());
            assertGood(http.read());
            assertRefusedAndClosed(http);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedOnAKeptAliveConnectionAfterEarlierExchanges(DesyncCases.Case c) {
        try (RawHttp http = connect()) {
            assertGood(http.send(GOOD).read());
            assertGood(http.send(GOOD).read());
            http.send(c.request());
            assertRefusedAndClosed(http);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneBytePerWrite")
    void refusedWhenSentOneBytePerWrite(String request) {
        try (RawHttp http = connect()) {
            try {
                http.sendOneBytePerWrite(request);
            } catch (UncheckedIOException e) {
                // the server answered and closed at the refused byte
            }
            assertRefusedAndClosed(http);
        }
    }

    static List<String> oneBytePerWrite() {
        return List.of(OBS_FOLD, "GET / HTTP/1.1\nHost: 127.0.0.1\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n: value\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    }

    @Test
    void aCleanRequestSentOneBytePerWriteIsServed() {
        try (RawHttp http = connect()) {
            assertGood(http.sendOneBytePerWrite(GOOD).read());
        }
    }

    @Test
    void twoPipelinedGoodRequestsThenARefusedOneAreAnsweredInOrder() {
        try (RawHttp http = connect()) {
            http.send(GOOD + GOOD + OBS_FOLD + GOOD);
            assertGood(http.read());
            assertGood(http.read());
            assertRefusedAndClosed(http);
        }
    }

    @Test
    void aTransferCodingTheAlbAnswersWith501GetsAlbtargets501AfterAPipelinedRequest() {
        try (RawHttp http = connect()) {
            http.send(GOOD + "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
            assertGood(http.read());
            assertRefusedAndClosed(http, 501);
        }
    }

    @Test
    void bodiesHoldingFoldLikeBytesReachTheApplicationIntact() {
        String body = "a\r\n b\r\n\tc\r\n:d";
        try (RawHttp http = connect()) {
            http.send("POST /p HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + "POST /c HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n" + GOOD);
            assertThat(http.read().body()).startsWith("POST /p\n").endsWith("body=" + body + "\n");
            assertThat(http.read().body()).startsWith("POST /c\n").endsWith("body=" + body + "\n");
            assertGood(http.read());
        }
    }

    @Test
    void aMalformedChunkedBodyIsRefusedAfterThePipelinedRequestBeforeIt() {
        try (RawHttp http = connect()) {
            http.send(GOOD + "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
            assertGood(http.read());
            assertRefusedAndClosed(http);
        }
    }

    @Test
    void aForeignHostIsRefusedByTheRulesAfterThePipelinedRequestBeforeIt() {
        try (RawHttp http = connect()) {
            http.send(GOOD + "GET / HTTP/1.1\r\nHost: 203.0.113.9\r\n\r\n" + GOOD);
            assertGood(http.read());
            RawHttp.Response refusal = http.read();
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(refusal.body()).isEqualTo("Host is not an address of this target\n");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aGetWithABodyIsServedWithConnectionCloseAndNothingPipelinedAfterItIs() {
        try (RawHttp http = connect()) {
            http.send("GET /good HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello" + GOOD);
            RawHttp.Response response = http.read();
            assertGood(response);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void http2PriorKnowledgePassesTheGuardAndTheRules() {
        try (RawHttp http = connect()) {
            // no HTTP/2 handler in this server: Netty's HTTP/1.1 codec reads the preface as a PRI request, which
            // reaches the application because albtarget stepped aside
            http.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            assertThat(response.body()).startsWith("PRI *\n");
        }
    }

    @Test
    void thePrefaceLaterOnAConnectionIsRefused() {
        try (RawHttp http = connect()) {
            http.send(GOOD + "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            assertGood(http.read());
            assertRefusedAndClosed(http);
        }
    }

    @Test
    void overTlsTheGuardReadsTheDecryptedBytes(@TempDir Path dir) {
        try (NettyTestServer tls = NettyTestServer.guardedTls(ALB,
                TestKeystore.serverContext(TestKeystore.create(dir)))) {
            try (RawHttp http = RawHttp.connectTls(tls.port())) {
                assertGood(http.send(GOOD).read());
                http.send(OBS_FOLD);
                assertRefusedAndClosed(http);
            }
        }
    }
}
