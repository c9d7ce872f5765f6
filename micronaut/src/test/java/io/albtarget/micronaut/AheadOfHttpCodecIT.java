package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A handler installed ahead of Netty's HTTP codec sees the request head's bytes as the client sent them. */
class AheadOfHttpCodecIT {

    @Test
    void aHandlerAheadOfTheCodecSeesTheFoldedLineNettyUnfolds() {
        EmbeddedServer server = Servers.start(Map.of(RecordingHandlers.SWITCH, "true"));
        try {
            String request = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: a\r\n b\r\nConnection: close\r\n\r\n";

            assertThat(RawHttp.exchange(server.getPort(), request).status()).isEqualTo(200);
            assertThat(String.join("", server.getApplicationContext().getBean(RecordingHandlers.class).received))
                    .isEqualTo(request);
        } finally {
            server.getApplicationContext().close();
        }
    }
}
