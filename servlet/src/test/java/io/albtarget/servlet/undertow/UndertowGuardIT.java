package io.albtarget.servlet.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.servlet.RawHttp;
import io.albtarget.servlet.RawHttp.Frame;
import io.undertow.Handlers;
import io.undertow.UndertowOptions;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;

/**
 * What only Undertow has around albtarget's guard: its own lenient parser when the guard is off, HTTP/2 with prior
 * knowledge, and WebSocket after a 101. The guard's contract on a plain connection is {@code GuardIT}'s, on every
 * server.
 */
class UndertowGuardIT {

    private static final String GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n";

    @Test
    @DisplayName("switched off, Undertow unfolds obs-fold and accepts an empty name and a blank before the colon")
    void switchedOffUndertowAcceptsWhatTheGuardRefuses() {
        try (AlbUndertow.Server unguarded = AlbUndertow.start(new EchoHandler(), "127.0.0.1", 0,
                AlbSettings.builder().enabled(false).build())) {
            int port = unguarded.port();
            assertThat(RawHttp.exchange(port, GET + "X-Test: a\r\n b\r\n\r\n").body()).isEqualTo("x-test=a b\n");
            assertThat(RawHttp.exchange(port, GET + ": value\r\n\r\n").status()).isEqualTo(200);
            assertThat(RawHttp.exchange(port, GET + "X-Test : v\r\n\r\n").body()).isEqualTo("x-test=: v\n");
        }
    }

    @Test
    @DisplayName("HTTP/2 with prior knowledge gets Undertow's SETTINGS frame, not a 400")
    void http2PriorKnowledgePasses() {
        try (AlbUndertow.Server h2 = AlbUndertow.start(new EchoHandler(), "127.0.0.1", 0, AlbSettings.defaults(),
                OptionMap.create(UndertowOptions.ENABLE_HTTP2, true));
                RawHttp http = RawHttp.connect(h2.port())) {
            assertHttp2Answered(http);
        }
    }

    /** Sends the HTTP/2 preface and an empty SETTINGS frame; Undertow must answer with its own SETTINGS frame. */
    static void assertHttp2Answered(RawHttp http) {
        http.send("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n").send(new Frame(Frame.SETTINGS, 0, 0, new byte[0]).bytes());

        Frame first = http.readFrame();
        assertThat(first.type()).as("frame type").isEqualTo(Frame.SETTINGS);
        assertThat(first.stream()).isZero();
    }

    @Test
    @DisplayName("after a 101, WebSocket frames pass even when their bytes look like an obs-fold")
    void acceptedUpgradeSwitchesToPassThrough() {
        try (AlbUndertow.Server ws = AlbUndertow.start(Handlers.websocket((exchange, channel) -> {
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
                    WebSockets.sendText(message.getData(), channel, null);
                }
            });
            channel.resumeReceives();
        }), "127.0.0.1", 0, AlbSettings.defaults()); RawHttp http = RawHttp.connect(ws.port())) {
            http.send(GET + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(101);

            // a masked text frame with a zero mask, so "a\n b" goes over the wire as is
            http.send(new byte[] {(byte) 0x81, (byte) 0x84, 0, 0, 0, 0, 'a', '\n', ' ', 'b'});
            assertThat(new String(http.readBytes(6), StandardCharsets.ISO_8859_1)).as("the echoed text frame")
                    .isEqualTo("\u0081\u0004a\n b");
        }
    }
}
