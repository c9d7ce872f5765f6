package io.albtarget.servlet.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.servlet.RawHttp;
import io.undertow.Handlers;
import io.undertow.UndertowOptions;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;

/** The request-head guard on a real Undertow listener, over raw sockets. */
class UndertowGuardIT {

    private static final String GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    private static final String FOLD_BODY = "a\r\n b\r\n\tc\r\n:d";

    private static AlbUndertow.Server guarded;
    private static AlbUndertow.Server unguarded;

    @BeforeAll
    static void start() {
        guarded = AlbUndertow.start(new EchoHandler(), "127.0.0.1", 0, AlbSettings.defaults());
        unguarded = AlbUndertow.start(new EchoHandler(), "127.0.0.1", 0,
                AlbSettings.builder().enabled(false).build());
    }

    @AfterAll
    static void stop() {
        guarded.close();
        unguarded.close();
    }

    private static RawHttp connect() {
        return RawHttp.connect(guarded.port());
    }

    private static void assertRefused(RawHttp http) {
        RawHttp.Response response = http.read();
        assertThat(response.status()).isEqualTo(400);
        assertThat(http.closedByServer()).as("connection closed after the 400").isTrue();
    }

    @Test
    void cleanGetPasses() {
        RawHttp.Response response = RawHttp.exchange(guarded.port(), GET + "X-Test: one\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("x-test=one\nlength=0\n");
    }

    @Test
    void obsFoldWithSpaceIsRefused() {
        try (RawHttp http = connect()) {
            assertRefused(http.send(GET + "X-Test: a\r\n b\r\n\r\n"));
        }
    }

    @Test
    void obsFoldWithTabIsRefused() {
        try (RawHttp http = connect()) {
            assertRefused(http.send(GET + "X-Test: a\r\n\tb\r\n\r\n"));
        }
    }

    @Test
    void emptyNameIsRefused() {
        try (RawHttp http = connect()) {
            assertRefused(http.send(GET + ": value\r\n\r\n"));
        }
    }

    @Test
    void whitespaceBeforeTheColonIsRefused() {
        try (RawHttp http = connect()) {
            assertRefused(http.send(GET + "X-Test : v\r\n\r\n"));
        }
    }

    @Test
    @DisplayName("switched off, Undertow unfolds obs-fold and accepts an empty name and a blank before the colon")
    void switchedOffUndertowAcceptsWhatTheGuardRefuses() {
        RawHttp.Response folded = RawHttp.exchange(unguarded.port(), GET + "X-Test: a\r\n b\r\n\r\n");
        assertThat(folded.status()).isEqualTo(200);
        assertThat(folded.body()).startsWith("x-test=a b\n");
        assertThat(RawHttp.exchange(unguarded.port(), GET + ": value\r\n\r\n").status()).isEqualTo(200);
        assertThat(RawHttp.exchange(unguarded.port(), GET + "X-Test : v\r\n\r\n").body()).startsWith("x-test=: v\n");
    }

    @Test
    void obsFoldSentOneBytePerWriteIsRefused() {
        try (RawHttp http = connect()) {
            // up to the refused byte: the server may close before any later byte arrives
            sendByteByByte(http, GET + "X-Test: a\r\n ");
            assertRefused(http);
        }
    }

    @Test
    void cleanGetSentOneBytePerWritePasses() {
        try (RawHttp http = connect()) {
            sendByteByByte(http, GET + "X-Test: one\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("x-test=one\nlength=0\n");
        }
    }

    @Test
    void twoPipelinedGetsPass() {
        try (RawHttp http = connect()) {
            http.send(GET + "X-Test: one\r\n\r\n" + GET + "X-Test: two\r\n\r\n");
            assertThat(http.read().body()).isEqualTo("x-test=one\nlength=0\n");
            assertThat(http.read().body()).isEqualTo("x-test=two\nlength=0\n");
        }
    }

    @Test
    void foldLikeBytesInABodyPass() {
        try (RawHttp http = connect()) {
            http.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + FOLD_BODY.length() + "\r\n\r\n"
                    + FOLD_BODY);
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("x-test=\nlength=" + FOLD_BODY.length() + "\n");
        }
    }

    @Test
    void foldLikeBytesInAChunkedBodyFollowedByAPipelinedGetPass() {
        try (RawHttp http = connect()) {
            http.send("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(FOLD_BODY.length()) + "\r\n" + FOLD_BODY + "\r\n"
                    + "3\r\n\r\n \r\n0\r\n\r\n"
                    + GET + "X-Test: after\r\n\r\n");
            RawHttp.Response post = http.read();
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.body()).isEqualTo("x-test=\nlength=" + (FOLD_BODY.length() + 3) + "\n");
            RawHttp.Response get = http.read();
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("x-test=after\nlength=0\n");
        }
    }

    @Test
    void obsFoldAfterAKeptAliveRequestIsRefused() {
        try (RawHttp http = connect()) {
            assertThat(http.send(GET + "X-Test: one\r\n\r\n").read().status()).isEqualTo(200);
            assertRefused(http.send(GET + "X-Test: a\r\n b\r\n\r\n"));
        }
    }

    @Test
    void obsFoldPipelinedAfterACleanRequestIsRefusedInOrder() {
        try (RawHttp http = connect()) {
            http.send(GET + "X-Test: one\r\n\r\n" + GET + "X-Test: a\r\n b\r\n\r\n");
            RawHttp.Response first = http.read();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("x-test=one\nlength=0\n");
            assertRefused(http);
        }
    }

    @Test
    void declinedUpgradeKeepsTheConnectionGuarded() {
        try (RawHttp http = connect()) {
            RawHttp.Response declined = http.send(GET + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n").read();
            assertThat(declined.status()).isEqualTo(200);
            assertRefused(http.send(GET + "X-Test: a\r\n b\r\n\r\n"));
        }
    }

    @Test
    @DisplayName("HTTP/2 with prior knowledge gets Undertow's SETTINGS frame, not a 400")
    void http2PriorKnowledgePasses() throws IOException {
        AlbUndertow.Server h2 = AlbUndertow.start(new EchoHandler(), "127.0.0.1", 0, AlbSettings.defaults(),
                OptionMap.create(UndertowOptions.ENABLE_HTTP2, true));
        try (h2; Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", h2.port()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 0x04, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] frameHeader = in.readNBytes(9);
            assertThat(new String(frameHeader, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/");
            assertThat(frameHeader).hasSize(9);
            assertThat(frameHeader[3]).as("frame type SETTINGS").isEqualTo((byte) 0x04);
            assertThat(frameHeader[5] | frameHeader[6] | frameHeader[7] | frameHeader[8]).as("stream 0").isZero();
        }
    }

    @Test
    @DisplayName("after a 101, WebSocket frames pass even when their bytes look like an obs-fold")
    void acceptedUpgradeSwitchesToPassThrough() throws IOException {
        AlbUndertow.Server ws = AlbUndertow.start(Handlers.websocket((exchange, channel) -> {
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
                    WebSockets.sendText(message.getData(), channel, null);
                }
            });
            channel.resumeReceives();
        }), "127.0.0.1", 0, AlbSettings.defaults());
        try (ws; Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ws.port()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((GET + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101");
            // a masked text frame with a zero mask, so "a\n b" goes over the wire as is
            out.write(new byte[] {(byte) 0x81, (byte) 0x84, 0, 0, 0, 0, 'a', '\n', ' ', 'b'});
            out.flush();
            assertThat(in.readNBytes(6)).containsExactly(0x81, 4, 'a', '\n', ' ', 'b');
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response head complete").isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }

    private static void sendByteByByte(RawHttp http, String request) {
        for (int i = 0; i < request.length(); i++) {
            http.send(request.substring(i, i + 1));
        }
    }
}
