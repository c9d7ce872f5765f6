package io.albtarget.servlet.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connector from {@link AlbTomcat#connector} in a real Tomcat keeps idle connections open past the ALB idle
 * timeout (2 s here, plus a 1 s margin) and closes them soon after, and serves any number of requests per
 * connection.
 */
class AlbTomcatIT {

    private static final AlbSettings SETTINGS = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
            .keepAliveMargin(Duration.ofSeconds(1)).build();
    private static final String GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private static EmbeddedTomcat tomcat;

    @BeforeAll
    static void start() {
        tomcat = EmbeddedTomcat.start(AlbTomcat.connector(0, SETTINGS));
    }

    @AfterAll
    static void stop() {
        tomcat.close();
    }

    @Test
    void anIdleConnectionOutlivesTheAlbIdleTimeoutAfterARequest() {
        try (Wire wire = Wire.plain(tomcat.port())) {
            assertThat(wire.send(GET).read().status()).isEqualTo(200);

            assertThat(wire.closedWithin(2500)).as("closed before 2.5 s").isFalse();
            assertThat(wire.closedWithin(3500)).as("closed before 6 s").isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aConnectionWithoutARequestOutlivesTheAlbIdleTimeout() {
        try (Wire wire = Wire.plain(tomcat.port())) {
            assertThat(wire.closedWithin(2500)).as("closed before 2.5 s").isFalse();
            assertThat(wire.closedWithin(3500)).as("closed before 6 s").isTrue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRequestLimitIsLiftedOnceTheConnectorIsBound() {
        assertThat(((AbstractHttp11Protocol<?>) tomcat.connector().getProtocolHandler()).getMaxKeepAliveRequests())
                .isEqualTo(-1);
    }

    @Test
    void anExplicitRequestLimitIsKept() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setPort(0);
        connector.setProperty("maxKeepAliveRequests", "500");
        AlbTomcat.tune(connector, SETTINGS);

        EmbeddedTomcat explicit = EmbeddedTomcat.start(connector);
        try {
            assertThat(((AbstractHttp11Protocol<?>) connector.getProtocolHandler()).getMaxKeepAliveRequests())
                    .isEqualTo(500);
        } finally {
            explicit.close();
        }
    }

    @Test
    void aConnectionServesMoreThanTomcatsHundredRequests() {
        try (Wire wire = Wire.plain(tomcat.port())) {
            for (int i = 1; i <= 150; i++) {
                Wire.Response response = wire.send(GET).read();

                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.closes()).as("Connection: close on response %d", i).isFalse();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
