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
 * Tomcat's request limit per connection, which it hides until the connector is bound: lifted, or the user's kept.
 * The idle timeouts are measured on the wire for every server by {@code KeepAliveIT}.
 */
class AlbTomcatIT {

    private static final AlbSettings SETTINGS = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
            .keepAliveMargin(Duration.ofSeconds(1)).build();

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
}
