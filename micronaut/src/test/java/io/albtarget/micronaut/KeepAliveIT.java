package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server keeps idle connections open past the ALB's idle timeout, scaled down to seconds. */
class KeepAliveIT {

    private static final Map<String, Object> SCALED = Map.of("alb.idle-timeout", "2s", "alb.keep-alive.margin", "1s");

    @Test
    void keepsAnIdleConnectionOpenPastTheAlbsIdleTimeoutAndClosesItAfterTheMargin() {
        EmbeddedServer server = Servers.start(SCALED);
        try (RawHttp http = RawHttp.connect(server.getPort())) {
            assertThat(http.send(hello()).read().status()).isEqualTo(200);

            assertThat(http.closedWithin(Duration.ofMillis(2500))).isFalse();
            assertThat(http.closedWithin(Duration.ofSeconds(3))).isTrue();
        } finally {
            server.getApplicationContext().close();
        }
    }

    @Test
    void keepsAnIdleTimeoutTheApplicationSetsEvenBelowTheRequirement() {
        Map<String, Object> properties = new HashMap<>(SCALED);
        properties.put("micronaut.server.idle-timeout", "1s");
        EmbeddedServer server = Servers.start(properties);
        try {
            NettyHttpServerConfiguration configuration =
                    server.getApplicationContext().getBean(NettyHttpServerConfiguration.class);
            assertThat(configuration.getIdleTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(configuration.getReadIdleTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(configuration.getWriteIdleTimeout()).isEqualTo(Duration.ofSeconds(3));
        } finally {
            server.getApplicationContext().close();
        }
    }

    private String hello() {
        return "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }
}
