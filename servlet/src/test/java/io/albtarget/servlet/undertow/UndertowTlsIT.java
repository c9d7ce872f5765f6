package io.albtarget.servlet.undertow;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.TestKeystore;
import io.undertow.UndertowOptions;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xnio.OptionMap;

/**
 * {@link AlbUndertow}'s HTTPS listener, with and without {@code ENABLE_HTTP2} (ALPN): the guard reads the
 * decrypted request bytes, steps aside for {@code h2} agreed by ALPN, and the keep-alive tuning holds as over
 * plain TCP.
 */
class UndertowTlsIT {

    private static final String CLEAN = get("X-Test: clean\r\n");
    private static final String OBS_FOLD = get("X-Test: a\r\n b\r\n");
    /** A body whose lines look like obs-fold and header lines, which the guard must leave to the body. */
    private static final String FOLD_LIKE_BODY = "a\r\n b\r\n\tc\r\n:d";

    private static SSLContext tls;
    private static AlbUndertow.Server http11;
    private static AlbUndertow.Server alpn;

    /** The two HTTPS listeners; to a client that offers no protocol by ALPN, both speak HTTP/1.1. */
    enum Listener {
        /** Without {@code ENABLE_HTTP2}: Undertow's HTTP/1.1 listener on the TLS connection. */
        HTTP11,
        /** With {@code ENABLE_HTTP2}: ALPN offering {@code h2} and falling back to HTTP/1.1. */
        ALPN;

        OptionMap options() {
            return this == ALPN ? OptionMap.create(UndertowOptions.ENABLE_HTTP2, true) : OptionMap.EMPTY;
        }

        int port() {
            return (this == ALPN ? alpn : http11).port();
        }
    }

    @BeforeAll
    static void start(@TempDir Path dir) {
        tls = TestKeystore.serverContext(TestKeystore.create(dir));
        http11 = start(Listener.HTTP11, AlbSettings.defaults());
        alpn = start(Listener.ALPN, AlbSettings.defaults());
    }

    @AfterAll
    static void stop() {
        for (AlbUndertow.Server server : new AlbUndertow.Server[] {http11, alpn}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static AlbUndertow.Server start(Listener listener, AlbSettings settings) {
        return AlbUndertow.start(new EchoHandler(), "127.0.0.1", 0, settings, listener.options(), tls);
    }

    private static String get(String headers) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
    }

    @ParameterizedTest
    @EnumSource
    void cleanGetGets200(Listener listener) {
        try (RawHttp http = RawHttp.connectTls(listener.port())) {
            RawHttp.Response response = http.send(CLEAN).read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("x-test=clean\n");
        }
    }

    @ParameterizedTest
    @EnumSource
    @DisplayName("the guard reads the decrypted bytes: obs-fold gets 400 and the close")
    void obsFoldIsRefused(Listener listener) {
        try (RawHttp http = RawHttp.connectTls(listener.port())) {
            assertRefusedAndClosed(http.send(OBS_FOLD));
        }
    }

    @ParameterizedTest
    @EnumSource
    @DisplayName("obs-fold sent one byte per TLS record gets 400 and the close")
    void obsFoldOneBytePerWriteIsRefused(Listener listener) {
        try (RawHttp http = RawHttp.connectTls(listener.port())) {
            // stop at the refused byte: the server may answer and close before any later byte arrives
            assertRefusedAndClosed(http.sendOneBytePerWrite(OBS_FOLD.substring(0, OBS_FOLD.indexOf("\r\n b") + 3)));
        }
    }

    @ParameterizedTest
    @EnumSource
    @DisplayName("obs-fold after a clean GET on the same connection gets 400 and the close")
    void obsFoldAfterACleanGetIsRefused(Listener listener) {
        try (RawHttp http = RawHttp.connectTls(listener.port())) {
            assertThat(http.send(CLEAN).read().status()).isEqualTo(200);

            assertRefusedAndClosed(http.send(OBS_FOLD));
        }
    }

    @ParameterizedTest
    @EnumSource
    @DisplayName("a POST whose body looks like obs-fold, then a pipelined GET: both get 200")
    void foldLikeBodyAndPipelinedGetPass(Listener listener) {
        try (RawHttp http = RawHttp.connectTls(listener.port())) {
            http.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + FOLD_LIKE_BODY.length()
                    + "\r\n\r\n" + FOLD_LIKE_BODY + CLEAN);

            assertThat(http.read().status()).as("the POST").isEqualTo(200);
            RawHttp.Response get = http.read();
            assertThat(get.status()).as("the GET").isEqualTo(200);
            assertThat(get.body()).isEqualTo("x-test=clean\n");
        }
    }

    @Test
    @DisplayName("a client that agrees on http/1.1 by ALPN is guarded too")
    void alpnHttp11IsGuarded() {
        try (RawHttp http = RawHttp.connectTls(Listener.ALPN.port(), "http/1.1")) {
            assertThat(http.applicationProtocol()).isEqualTo("http/1.1");

            assertRefusedAndClosed(http.send(OBS_FOLD));
        }
    }

    @Test
    @DisplayName("h2 agreed by ALPN passes the guard: the HTTP/2 preface gets Undertow's SETTINGS frame, not a 400")
    void alpnH2Passes() {
        try (RawHttp http = RawHttp.connectTls(Listener.ALPN.port(), "h2")) {
            assertThat(http.applicationProtocol()).isEqualTo("h2");

            UndertowGuardIT.assertHttp2Answered(http);
        }
    }

    @Test
    @DisplayName("without ENABLE_HTTP2 the listener agrees on no protocol by ALPN and speaks HTTP/1.1")
    void withoutHttp2AlpnH2IsNotAgreed() {
        try (RawHttp http = RawHttp.connectTls(Listener.HTTP11.port(), "h2", "http/1.1")) {
            assertThat(http.applicationProtocol()).isEmpty();

            assertThat(http.send(CLEAN).read().status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource
    @DisplayName("an idle TLS connection outlives the ALB idle timeout (2 s), then the server closes it (3 s)")
    void keepAliveOutlivesTheAlbIdleTimeout(Listener listener) {
        AlbSettings scaled = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
                .keepAliveMargin(Duration.ofSeconds(1)).build();
        try (AlbUndertow.Server server = start(listener, scaled); RawHttp http = RawHttp.connectTls(server.port())) {
            assertThat(http.send(CLEAN).read().status()).isEqualTo(200);
            assertThat(http.closedWithin(Duration.ofMillis(2500))).as("still open after 2.5 s").isFalse();
            assertThat(http.closedWithin(Duration.ofMillis(3500))).as("closed by the server before 6 s").isTrue();
        }
    }
}
