package io.albtarget.servlet.tomcat;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Frame;
import io.albtarget.servlet.TestKeystore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http2.Http2Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only Tomcat has around {@link AlbHttp11NioProtocol}: the protocol named by its class, direct buffers, TLS
 * and HTTP/2. The guard's contract on a plain connection is {@code GuardIT}'s, on every server.
 */
class TomcatGuardIT {

    private static final String CLEAN = get("X-Test: clean\r\n");
    private static final String OBS_FOLD = get("X-Test: a\r\n b\r\n");
    /** A body whose lines look like obs-fold and header lines, which a guard must leave to the body. */
    private static final String FOLD_LIKE_BODY = "a\r\n b\r\n\tc\r\n:d";
    private static final String ECHOED_FOLD_LIKE_BODY = "x-test=\nlength=" + FOLD_LIKE_BODY.length() + "\n";

    private static EmbeddedTomcat tomcat;

    @BeforeAll
    static void start() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setPort(0);
        connector.addUpgradeProtocol(new Http2Protocol());
        tomcat = EmbeddedTomcat.start(connector);
    }

    @AfterAll
    static void stop() {
        tomcat.close();
    }

    private static String get(String headers) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
    }

    @Test
    void theProtocolIsNamedByItsClass() {
        assertThat(tomcat.connector().getProtocolHandler()).isInstanceOf(AlbHttp11NioProtocol.class);
    }

    @Test
    @DisplayName("on direct buffers, fold-like bytes in a body pass and a pipelined obs-fold gets 400")
    void onDirectBuffersABodyPassesAndObsFoldIsRefused() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setPort(0);
        connector.setProperty("socket.directBuffer", "true");
        try (EmbeddedTomcat direct = EmbeddedTomcat.start(connector); RawHttp http = RawHttp.connect(direct.port())) {
            http.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + FOLD_LIKE_BODY.length()
                    + "\r\n\r\n" + FOLD_LIKE_BODY + OBS_FOLD);

            assertThat(http.read().body()).isEqualTo(ECHOED_FOLD_LIKE_BODY);
            assertRefusedAndClosed(http);
        }
    }

    @Test
    @DisplayName("after an h2c upgrade the guard is off: fold-like bytes in HTTP/2 frames reach the application")
    void h2cUpgradeCarriesFoldLikeBytes() {
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            RawHttp.Response switched = http.send(get("Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\n")).read();
            assertThat(switched.status()).isEqualTo(101);

            http.send(H2.PREFACE).send(H2.SETTINGS_ACK).send(H2.post(3)).send(H2.data(3, FOLD_LIKE_BODY));

            assertThat(http.readFrame().type()).as("the server's first frame").isEqualTo(Frame.SETTINGS);
            assertThat(H2.responseOn(http, 3)).isEqualTo(ECHOED_FOLD_LIKE_BODY);
        }
    }

    @Test
    @DisplayName("HTTP/2 with prior knowledge passes the guard, fold-like bytes and all")
    void priorKnowledgeH2cCarriesFoldLikeBytes() {
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            http.send(H2.PREFACE).send(H2.post(1)).send(H2.data(1, FOLD_LIKE_BODY));

            assertThat(http.readFrame().type()).isEqualTo(Frame.SETTINGS);
            assertThat(H2.responseOn(http, 1)).isEqualTo(ECHOED_FOLD_LIKE_BODY);
        }
    }

    /** Just enough HTTP/2 to send one POST and read its answer. */
    private static final class H2 {
        /** The client connection preface, with an empty SETTINGS frame. */
        static final byte[] PREFACE = ByteBuffer.allocate(33)
                .put("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .put(new Frame(Frame.SETTINGS, 0, 0, new byte[0]).bytes())
                .array();
        static final byte[] SETTINGS_ACK = new Frame(Frame.SETTINGS, Frame.ACK, 0, new byte[0]).bytes();

        /** HEADERS for {@code POST /}: static-table :method POST, :scheme http, :path /, then :authority. */
        static byte[] post(int stream) {
            byte[] authority = "127.0.0.1".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer block = ByteBuffer.allocate(5 + authority.length);
            block.put((byte) 0x83).put((byte) 0x86).put((byte) 0x84).put((byte) 0x41).put((byte) authority.length)
                    .put(authority);
            return new Frame(Frame.HEADERS, Frame.END_HEADERS, stream, block.array()).bytes();
        }

        static byte[] data(int stream, String body) {
            return new Frame(Frame.DATA, Frame.END_STREAM, stream, body.getBytes(StandardCharsets.ISO_8859_1))
                    .bytes();
        }

        /** Reads frames up to the end of the stream's response and returns its body; its status must be 200. */
        static String responseOn(RawHttp http, int stream) {
            StringBuilder body = new StringBuilder();
            boolean headers = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                Frame frame = http.readFrame();
                if (frame.stream() != stream) {
                    continue;
                }
                if (frame.type() == Frame.HEADERS) {
                    assertThat(firstField(frame.payload())).as(":status 200, indexed").isEqualTo(0x88);
                    headers = true;
                } else if (frame.type() == Frame.DATA) {
                    body.append(new String(frame.payload(), StandardCharsets.ISO_8859_1));
                }
                if ((frame.flags() & Frame.END_STREAM) != 0) {
                    assertThat(headers).as("a HEADERS frame").isTrue();
                    return body.toString();
                }
            }
            throw new AssertionError("no end of stream " + stream);
        }

        /** The first field representation of a header block, after any dynamic table size update. */
        private static int firstField(byte[] block) {
            int i = 0;
            if ((block[i] & 0xe0) == 0x20) {
                if ((block[i] & 0x1f) == 0x1f) {
                    while ((block[++i] & 0x80) != 0) {
                        // the size's continuation bytes
                    }
                }
                i++;
            }
            return block[i] & 0xff;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OverTls {

        private EmbeddedTomcat tls;

        @BeforeAll
        void start(@TempDir Path dir) {
            Path keystore = TestKeystore.create(dir);

            tls = EmbeddedTomcat.start(EmbeddedTomcat.https(AlbHttp11NioProtocol.class.getName(), keystore));
        }

        @AfterAll
        void stop() {
            tls.close();
        }

        @Test
        void cleanGetGets200() {
            try (RawHttp http = RawHttp.connectTls(tls.port())) {
                assertThat(http.send(CLEAN).read().body()).isEqualTo("x-test=clean\nlength=0\n");
            }
        }

        @Test
        @DisplayName("the guard reads the decrypted bytes: obs-fold after a clean GET gets 400 and the close")
        void obsFoldAfterACleanGetIsRefused() {
            try (RawHttp http = RawHttp.connectTls(tls.port())) {
                assertThat(http.send(CLEAN).read().status()).isEqualTo(200);

                http.send(OBS_FOLD);
                assertRefusedAndClosed(http);
            }
        }
    }
}
