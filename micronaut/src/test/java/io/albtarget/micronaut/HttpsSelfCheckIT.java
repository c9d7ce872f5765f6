package io.albtarget.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.servlet.RawHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An HTTPS server ({@code micronaut.server.ssl.enabled}, a self-signed certificate): the self-check speaks TLS to it,
 * as the ALB does to an HTTPS target group, so that {@code alb.self-check=fail} lets a correct server start. It
 * listens on every interface, since the self-check also connects where the ALB would, to the machine's own address.
 */
class HttpsSelfCheckIT {

    @Test
    void theSelfCheckSpeaksTlsToAnHttpsServer() {
        EmbeddedServer server = Servers.start(Map.of("micronaut.server.host", "0.0.0.0",
                "micronaut.server.ssl.enabled", true, "micronaut.server.ssl.build-self-signed", true,
                "micronaut.server.ssl.port", -1, "alb.self-check", "fail"));
        try {
            assertThat(server.getScheme()).isEqualTo("https");
            try (RawHttp https = RawHttp.connectTls(server.getPort())) {
                assertThat(https.send(Servers.HEALTH_CHECK).read().status()).isEqualTo(200);
            }
        } finally {
            server.getApplicationContext().close();
        }
    }
}
