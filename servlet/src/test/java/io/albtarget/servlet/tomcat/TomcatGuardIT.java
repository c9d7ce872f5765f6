package io.albtarget.servlet.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@link AlbHttp11NioProtocol} in a real Tomcat, over raw sockets: obs-fold gets Tomcat's 400, nothing else does. */
class TomcatGuardIT {

    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final String CLEAN = get("X-Test: clean\r\n");
    private static final String FOLD_SP = get("X-Test: a\r\n b\r\n");
    private static final String FOLD_HTAB = get("X-Test: a\r\n\tb\r\n");
    private static final String FOLD_LIKE_BODY = "a\r\n b\r\n\tc\r\n:d";

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
        return "GET / HTTP/1.1\r\n" + HOST + headers + "\r\n";
    }

    private static String post(String headers, String body) {
        return "POST / HTTP/1.1\r\n" + HOST + headers + "\r\n" + body;
    }

    @Test
    void theProtocolIsNamedByItsClass() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());

        assertThat(connector.getProtocolHandler()).isInstanceOf(AlbHttp11NioProtocol.class);
        assertThat(tomcat.connector().getProtocolHandler()).isInstanceOf(AlbHttp11NioProtocol.class);
    }

    @Test
    void cleanGet() {
        RawHttp.Response response = RawHttp.exchange(tomcat.port(), CLEAN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("x-test=clean\nlength=0\n");
    }

    @Test
    void obsFoldWithSpaceGets400AndTheConnectionCloses() {
        assertRefused(FOLD_SP);
    }

    @Test
    void obsFoldWithTabGets400AndTheConnectionCloses() {
        assertRefused(FOLD_HTAB);
    }

    private static void assertRefused(String request) {
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            RawHttp.Response response = http.send(request).read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).doesNotContain("x-test=");
            assertThat(http.closedByServer()).as("closed after the 400").isTrue();
        }
    }

    @Test
    void obsFoldSentOneBytePerWriteGets400() throws Exception {
        try (Wire wire = Wire.plain(tomcat.port())) {
            // stop at the refused byte: the server answers and closes without waiting for the rest
            Wire.Response response = wire.trickle(FOLD_SP.substring(0, FOLD_SP.indexOf("\r\n b") + 3)).read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(wire.closedWithin(2000)).isTrue();
        }
    }

    @Test
    void cleanGetSentOneBytePerWriteGets200() throws Exception {
        try (Wire wire = Wire.plain(tomcat.port())) {
            Wire.Response response = wire.trickle(CLEAN).read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).startsWith("x-test=clean\n");
        }
    }

    @Test
    void twoPipelinedCleanGetsGet200Each() {
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            http.send(CLEAN + get("X-Test: second\r\n"));

            assertThat(http.read().body()).startsWith("x-test=clean\n");
            RawHttp.Response second = http.read();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).startsWith("x-test=second\n");
        }
    }

    @Test
    void foldLikeBytesInABodyReachTheApplication() {
        RawHttp.Response response = RawHttp.exchange(tomcat.port(),
                post("Content-Length: " + FOLD_LIKE_BODY.length() + "\r\n", FOLD_LIKE_BODY));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("x-test=\nlength=" + FOLD_LIKE_BODY.length() + "\n");
    }

    @Test
    void foldLikeBytesInAChunkedBodyThenAPipelinedGet() {
        String chunked = Integer.toHexString(FOLD_LIKE_BODY.length()) + "\r\n" + FOLD_LIKE_BODY + "\r\n"
                + "3\r\n\r\n \r\n0\r\n\r\n";
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            http.send(post("Transfer-Encoding: chunked\r\n", chunked) + CLEAN);

            RawHttp.Response first = http.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("x-test=\nlength=" + (FOLD_LIKE_BODY.length() + 3) + "\n");
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void keptAliveCleanGetThenObsFold() {
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            assertThat(http.send(CLEAN).read().status()).isEqualTo(200);

            assertThat(http.send(FOLD_SP).read().status()).isEqualTo(400);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedCleanAndObsFoldAreAnsweredInOrder() {
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            http.send(CLEAN + FOLD_HTAB);

            RawHttp.Response first = http.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).startsWith("x-test=clean\n");
            assertThat(http.read().status()).isEqualTo(400);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aPostThenObsFoldOnDirectBuffers() throws Exception {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setPort(0);
        connector.setProperty("socket.directBuffer", "true");
        try (EmbeddedTomcat direct = EmbeddedTomcat.start(connector); RawHttp http = RawHttp.connect(direct.port())) {
            http.send(post("Content-Length: " + FOLD_LIKE_BODY.length() + "\r\n", FOLD_LIKE_BODY) + FOLD_SP);

            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.read().status()).isEqualTo(400);
        }
    }

    @Test
    void aDeclinedUpgradeKeepsTheGuard() {
        try (RawHttp http = RawHttp.connect(tomcat.port())) {
            RawHttp.Response declined = http.send(get("Connection: Upgrade\r\nUpgrade: websocket\r\n")).read();
            assertThat(declined.status()).isEqualTo(200);

            assertThat(http.send(FOLD_SP).read().status()).isEqualTo(400);
        }
    }

    @Test
    void h2cUpgradeCarriesFoldLikeBytes() throws Exception {
        try (Wire wire = Wire.plain(tomcat.port())) {
            Wire.Response switched = wire.send(get("Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABk\r\n")).read();
            assertThat(switched.status()).isEqualTo(101);

            wire.send(H2.preface()).send(H2.settingsAck()).send(H2.post(3)).send(H2.data(3, FOLD_LIKE_BODY));

            assertThat(wire.readFrame().type()).as("the server's first frame").isEqualTo(Wire.Frame.SETTINGS);
            assertThat(H2.responseOn(wire, 3)).endsWith("length=" + FOLD_LIKE_BODY.length() + "\n");
        }
    }

    @Test
    void priorKnowledgeH2c() {
        try (Wire wire = Wire.plain(tomcat.port())) {
            wire.send(H2.preface()).send(H2.post(1)).send(H2.data(1, FOLD_LIKE_BODY));

            assertThat(wire.readFrame().type()).isEqualTo(Wire.Frame.SETTINGS);
            assertThat(H2.responseOn(wire, 1)).endsWith("length=" + FOLD_LIKE_BODY.length() + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Just enough HTTP/2 to send one POST and read its answer. */
    private static final class H2 {
        static byte[] preface() {
            return concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    frame(Wire.Frame.SETTINGS, 0, 0, new byte[0]));
        }

        static byte[] settingsAck() {
            return frame(Wire.Frame.SETTINGS, 1, 0, new byte[0]);
        }

        /** HEADERS for {@code POST /}: static-table :method POST, :scheme http, :path /, then :authority. */
        static byte[] post(int stream) {
            byte[] authority = "127.0.0.1".getBytes(StandardCharsets.US_ASCII);
            ByteBuffer block = ByteBuffer.allocate(5 + authority.length);
            block.put((byte) 0x83).put((byte) 0x86).put((byte) 0x84).put((byte) 0x41).put((byte) authority.length)
                    .put(authority);
            return frame(Wire.Frame.HEADERS, 0x4, stream, block.array());
        }

        static byte[] data(int stream, String body) {
            return frame(Wire.Frame.DATA, 0x1, stream, body.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Reads frames up to the end of the stream's response and returns its body; its status must be 200. */
        static String responseOn(Wire wire, int stream) {
            StringBuilder body = new StringBuilder();
            boolean headers = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                Wire.Frame frame = wire.readFrame();
                if (frame.stream() != stream) {
                    continue;
                }
                if (frame.type() == Wire.Frame.HEADERS) {
                    assertThat(firstField(frame.payload())).as(":status 200, indexed").isEqualTo(0x88);
                    headers = true;
                } else if (frame.type() == Wire.Frame.DATA) {
                    body.append(new String(frame.payload(), StandardCharsets.ISO_8859_1));
                }
                if ((frame.flags() & 0x1) != 0) {
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

        private static byte[] frame(int type, int flags, int stream, byte[] payload) {
            ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
            frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
                    .put((byte) type).put((byte) flags).putInt(stream).put(payload);
            return frame.array();
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OverTls {

        private EmbeddedTomcat tls;

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            Path keystore = dir.resolve("server.p12");
            Process keytool = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                    "-alias", "tomcat", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", "changeit", "-keypass", "changeit"))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(keytool.waitFor()).as(output).isZero();

            Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
            connector.setPort(0);
            connector.setSecure(true);
            connector.setScheme("https");
            connector.setProperty("SSLEnabled", "true");
            SSLHostConfig host = new SSLHostConfig();
            SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host,
                    SSLHostConfigCertificate.Type.RSA);
            certificate.setCertificateKeystoreFile(keystore.toString());
            certificate.setCertificateKeystorePassword("changeit");
            certificate.setCertificateKeystoreType("PKCS12");
            host.addCertificate(certificate);
            connector.addSslHostConfig(host);
            tls = EmbeddedTomcat.start(connector);
        }

        @AfterAll
        void stop() {
            tls.close();
        }

        @Test
        void cleanGet() throws Exception {
            try (Wire wire = Wire.tls(tls.port())) {
                Wire.Response response = wire.send(CLEAN).read();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("x-test=clean\nlength=0\n");
            }
        }

        @Test
        void obsFoldGets400AndTheConnectionCloses() throws Exception {
            try (Wire wire = Wire.tls(tls.port())) {
                assertThat(wire.send(CLEAN).read().status()).isEqualTo(200);

                assertThat(wire.send(FOLD_SP).read().status()).isEqualTo(400);
                assertThat(wire.closedWithin(2000)).isTrue();
            }
        }
    }
}
