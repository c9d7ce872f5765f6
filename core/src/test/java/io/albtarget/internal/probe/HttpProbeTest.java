package io.albtarget.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.albtarget.ScriptedServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How {@link HttpProbe#exchange} ends against servers that answer well, late, partly, wrongly or not at all. */
final class HttpProbeTest {

    /** Long enough for any loopback answer, short enough for the tests that wait it out. */
    private static final Duration SHORT = Duration.ofMillis(400);
    private static final Duration AMPLE = Duration.ofSeconds(5);

    private static Exchange exchange(ScriptedServer.Script script, Duration timeout) {
        try (ScriptedServer server = ScriptedServer.start(script)) {
            return HttpProbe.to(server.address()).exchange(AlbRequest.healthCheck("/health", "10.0.1.5:8080"),
                    timeout);
        }
    }

    private static Exchange answer(String response) {
        return exchange(c -> c.write(response), AMPLE);
    }

    @Test
    void contentLengthBodyIsComplete() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(answer.bodyBytes()).isEqualTo(5);
        assertThat(answer.contentLength()).hasValue(5);
        assertThat(answer.header("content-type")).hasValue("text/plain");
        assertThat(answer.headers()).extracting(h -> h.getKey()).containsExactly("Content-Type", "Content-Length");
        assertThat(answer.detail()).isEmpty();
        assertThat(answer.excessBytes()).isZero();
        assertThat(answer.toString()).startsWith("HTTP/1.1 200 OK in ").endsWith(" ms");
    }

    @Test
    void bytesAfterTheFramedEndAreCountedUntilTheClose() {
        Exchange answer = exchange(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nUP").pause(20)
                .write(" and more"), AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(answer.bodyBytes()).isEqualTo(2);
        assertThat(answer.excessBytes()).isEqualTo(" and more".length());
    }

    @Test
    void aServerThatHoldsTheConnectionAfterAFramedResponseCostsOnlyABriefWatch() {
        Exchange answer = exchange(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nUP").holdOpen(),
                AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(answer.excessBytes()).isZero();
        assertThat(answer.elapsed()).isLessThan(AMPLE);
    }

    @Test
    void chunkedBodyIsCompleteWithoutWaitingForTheClose() {
        Exchange answer = exchange(c -> c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6;name=value\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n").holdOpen(), AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(answer.bodyBytes()).isEqualTo(11);
        assertThat(answer.contentLength()).isEmpty();
        assertThat(answer.excessBytes()).isZero();
    }

    @Test
    void bodyWithoutFramingIsReadToTheClose() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nread until the close");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(answer.bodyBytes()).isEqualTo("read until the close".length());
    }

    @Test
    void noContentHasNoBodyToWaitFor() {
        Exchange answer = exchange(c -> c.write("HTTP/1.1 204 No Content\r\n\r\n").holdOpen(), AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.bodyBytes()).isZero();
    }

    @Test
    void headerBytesCountStatusLineHeadersAndTheEmptyLine() {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Long: " + "v".repeat(100) + "\r\n\r\n";

        Exchange answer = answer(head + "ok");

        assertThat(answer.headerBytes()).isEqualTo(head.length());
        assertThat(answer.bodyBytes()).isEqualTo(2);
    }

    @Test
    void interimResponsesAreSkipped() {
        Exchange answer = answer("HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.COMPLETE);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(answer.header("Link")).isEmpty();
        assertThat(answer.bodyBytes()).isEqualTo(2);
    }

    @Test
    void noAnswerTimesOut() {
        Exchange answer = exchange(ScriptedServer.Connection::holdOpen, SHORT);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.TIMED_OUT);
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.detail()).isEqualTo("no whole response within 400ms before any response byte");
        assertThat(answer.elapsed()).isGreaterThanOrEqualTo(SHORT);
        assertThat(answer.toString()).startsWith("timed out after ").endsWith(answer.detail());
    }

    @Test
    void aTimedOutExchangeNeverEndsBeforeItsDeadline() {
        // the socket's timer counts whole milliseconds; the probe must not take its wake-up for the deadline
        for (Duration timeout : new Duration[] {Duration.ofNanos(1), Duration.ofMillis(1).plusNanos(1),
                Duration.ofMillis(37).plusNanos(999_999)}) {
            Exchange answer = exchange(ScriptedServer.Connection::holdOpen, timeout);

            assertThat(answer.outcome()).as(timeout.toString()).isIn(Exchange.Outcome.TIMED_OUT,
                    Exchange.Outcome.CONNECT_FAILED);
            boolean timedOut = answer.outcome() == Exchange.Outcome.TIMED_OUT
                    || answer.detail().startsWith("no connection within");
            // a connect the loaded machine failed at once (no time out) ends when it ends; a time-out never early
            if (timedOut) {
                assertThat(answer.elapsed()).as("%s: %s", timeout, answer).isGreaterThanOrEqualTo(timeout);
            }
        }
    }

    @Test
    void bodyShorterThanContentLengthTimesOutWhileTheServerHoldsTheConnection() {
        Exchange answer = exchange(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort").holdOpen(),
                SHORT);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.TIMED_OUT);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentLength()).hasValue(100);
        assertThat(answer.bodyBytes()).isEqualTo(5);
        assertThat(answer.detail()).endsWith("after 5 of Content-Length 100 body bytes");
        assertThat(answer.toString()).startsWith("HTTP/1.1 200 OK, timed out after ");
    }

    @Test
    void partialHeadTimesOutWithinTheHead() {
        Exchange answer = exchange(c -> c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n").holdOpen(), SHORT);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.TIMED_OUT);
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.detail()).isEqualTo("no whole response within 400ms within the response head");
    }

    @Test
    void closeInTheBodyEndsTheExchangeEarly() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.CLOSED_EARLY);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyBytes()).isEqualTo(5);
        assertThat(answer.detail())
                .isEqualTo("the server closed the connection after 5 of Content-Length 100 body bytes");
    }

    @Test
    void closeInTheChunkedBodyEndsTheExchangeEarly() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.CLOSED_EARLY);
        assertThat(answer.detail()).isEqualTo("the server closed the connection after 5 body bytes");
    }

    @Test
    void closeInTheHeadIsReportedAsSuch() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nContent-Le");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.CLOSED_EARLY);
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.detail()).isEqualTo("the server closed the connection within the response head");
    }

    @Test
    void closeWithoutAnswerIsReportedAsSuch() {
        Exchange answer = answer("");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.CLOSED_EARLY);
        assertThat(answer.detail()).isEqualTo("the server closed the connection before any response byte");
    }

    @Test
    void garbageStatusLineIsMalformed() {
        Exchange answer = answer("HELLO WORLD\r\n\r\n");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.detail()).isEqualTo("the status line is not HTTP/1.x: 'HELLO WORLD'");
    }

    @Test
    void statusLineOfAnotherProtocolIsMalformedWithoutWaitingForTheRest() {
        Exchange answer = exchange(c -> c.write("SSH-2.0-OpenSSH_9.6\r\n").holdOpen(), AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
        assertThat(answer.detail()).isEqualTo("the status line is not HTTP/1.x: 'SSH-2.0-OpenSSH_9.6'");
        assertThat(answer.elapsed()).isLessThan(AMPLE);
    }

    @Test
    void aTlsAlertToAPlainRequestIsTheOtherProtocol() {
        Exchange answer = answer("\u0015\u0003\u0003\u0000\u0002\u0002\u0050");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.OTHER_PROTOCOL);
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.detail()).isEqualTo("the port speaks TLS, not plain HTTP: it answered the plain-HTTP"
                + " request with a TLS alert record");
        assertThat(answer.toString()).startsWith("other protocol after ");
    }

    @Test
    void aPlainHttpAnswerToTheTlsClientHelloIsTheOtherProtocol() {
        try (ScriptedServer server = ScriptedServer.answering(
                "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
            HttpProbe probe = HttpProbe.to(server.address()).tls(true);

            Exchange answer = probe.exchange(AlbRequest.healthCheck("/health", "10.0.1.5:8080"), AMPLE);

            assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.OTHER_PROTOCOL);
            assertThat(answer.detail()).isEqualTo("the port answers plain HTTP, not TLS: it answered the TLS"
                    + " ClientHello with 'HTTP/1.1 400 Bad Request'");
            assertThat(probe.tlsHandshake(AMPLE)).isEmpty();
            assertThat(server.requests()).allMatch(request -> request.startsWith("\u0016\u0003"));
        }
    }

    @Test
    void aTlsHandshakeThatGetsNoAnswerTimesOutSayingSo() {
        Exchange answer;
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer.Connection::holdOpen)) {
            answer = HttpProbe.to(server.address()).tls(true)
                    .exchange(AlbRequest.healthCheck("/health", "10.0.1.5:8080"), SHORT);
        }

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.CONNECT_FAILED);
        assertThat(answer.detail()).startsWith("no TLS handshake within ").endsWith(" ms");
        assertThat(answer.elapsed()).isGreaterThanOrEqualTo(SHORT);
    }

    @Test
    void statusLineOfAnotherVersionIsMalformed() {
        assertThat(answer("HTTP/2 200\r\n\r\n").outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
        assertThat(answer("HTTP/1.1 20 OK\r\n\r\n").outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
    }

    @Test
    void foldedResponseHeaderIsMalformed() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nX-Folded: first\r\n second\r\nContent-Length: 0\r\n\r\n");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
        assertThat(answer.detail()).contains("obs-fold");
    }

    @Test
    void headerLineWithoutColonIsMalformed() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 0\r\n\r\n");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
        assertThat(answer.detail()).contains("not 'name: value'", "no colon here");
    }

    @Test
    void nonNumericContentLengthIsMalformed() {
        Exchange answer = answer("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n0123456789");

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentLength()).isEmpty();
        assertThat(answer.detail()).isEqualTo("Content-Length is not a number: 'ten'");
    }

    @Test
    void chunkSizeThatIsNotHexadecimalIsMalformed() {
        Exchange answer = exchange(c -> c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\nZZ\r\n").holdOpen(), AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.MALFORMED);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.detail()).isEqualTo("chunk size is not hexadecimal: 'ZZ'");
    }

    @Test
    void refusedPortFailsToConnect() {
        Exchange answer = HttpProbe.to(ScriptedServer.refusedAddress())
                .exchange(AlbRequest.healthCheck("/health", "10.0.1.5:8080"), AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.CONNECT_FAILED);
        assertThat(answer.detail()).isEqualTo("connection refused");
        assertThat(answer.status()).isEqualTo(-1);
        assertThat(answer.headers()).isEmpty();
        assertThat(answer.toString()).startsWith("connect failed after ").endsWith(": connection refused");
    }

    @Test
    void unresolvedAddressFailsToConnect() {
        Exchange answer = HttpProbe.to(InetSocketAddress.createUnresolved("target.invalid", 8080))
                .exchange(AlbRequest.healthCheck("/", "10.0.1.5:8080"), AMPLE);

        assertThat(answer.outcome()).isEqualTo(Exchange.Outcome.CONNECT_FAILED);
        assertThat(answer.detail()).isEqualTo("no address for host target.invalid");
    }

    @Test
    void probeNamesItsTargetAndRefusesANonPositiveConnectTimeout() {
        HttpProbe probe = HttpProbe.to(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080));

        assertThat(probe).hasToString("http://127.0.0.1:8080");
        assertThat(probe.tls(true)).hasToString("https://127.0.0.1:8080");
        assertThat(probe.tls(true).usesTls()).isTrue();
        assertThat(probe.usesTls()).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> probe.connectTimeout(Duration.ZERO))
                .withMessageContaining("'connectTimeout' must be positive");
    }
}
