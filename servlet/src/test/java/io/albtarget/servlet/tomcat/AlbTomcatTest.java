package io.albtarget.servlet.tomcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.albtarget.AlbSettings;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.Test;

/** What {@link AlbTomcat} sets on a connector, read back from the protocol handler; nothing is started. */
class AlbTomcatTest {

    private static final AlbSettings SETTINGS = AlbSettings.builder().idleTimeout(Duration.ofSeconds(2))
            .keepAliveMargin(Duration.ofSeconds(1)).build();
    private static final KeepAliveRequirement REQUIREMENT = KeepAliveRequirement.of(SETTINGS);

    private static AbstractHttp11Protocol<?> protocol(Connector connector) {
        return (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
    }

    @Test
    void aNewConnectorIsGuardedAndOutlivesTheAlb() {
        Connector connector = AlbTomcat.connector(8081, SETTINGS);

        assertThat(connector.getProtocolHandler()).isInstanceOf(AlbHttp11NioProtocol.class);
        assertThat(connector.getPort()).isEqualTo(8081);
        assertThat(protocol(connector).getConnectionTimeout()).isEqualTo(3000);
        assertThat(protocol(connector).getKeepAliveTimeout()).isEqualTo(3000);
    }

    @Test
    void switchedOffGivesTomcatsOwnConnectorUntouched() {
        Connector connector = AlbTomcat.connector(0, AlbSettings.builder().enabled(false).build());

        assertThat(connector.getProtocolHandler()).isExactlyInstanceOf(Http11NioProtocol.class);
        assertThat(protocol(connector).getConnectionTimeout()).isEqualTo(60_000);
        assertThat(protocol(connector).getKeepAliveTimeout()).isEqualTo(60_000);
    }

    @Test
    void anExplicitKeepAliveTimeoutIsKeptAndATooLowOneIsReported() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setProperty("keepAliveTimeout", "1000");

        assertThat(AlbTomcat.apply(connector, SETTINGS)).containsExactly(
                REQUIREMENT.shortfall("Tomcat connector keepAliveTimeout", Duration.ofMillis(1000)));
        assertThat(protocol(connector).getKeepAliveTimeout()).isEqualTo(1000);
        assertThat(protocol(connector).getConnectionTimeout()).isEqualTo(3000);
    }

    @Test
    void anExplicitConnectionTimeoutIsKeptAndKeepAliveNoLongerInheritsIt() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setProperty("connectionTimeout", "20000");

        assertThat(AlbTomcat.apply(connector, SETTINGS)).isEmpty();
        assertThat(protocol(connector).getConnectionTimeout()).isEqualTo(20_000);
        assertThat(protocol(connector).getKeepAliveTimeout()).isEqualTo(3000);
    }

    @Test
    void aTooLowConnectionTimeoutIsReported() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setProperty("connectionTimeout", "2000");

        assertThat(AlbTomcat.apply(connector, SETTINGS)).containsExactly(
                REQUIREMENT.shortfall("Tomcat connector connectionTimeout", Duration.ofMillis(2000)));
    }

    @Test
    void anInfiniteTimeoutMeetsTheRequirement() {
        Connector connector = new Connector(AlbHttp11NioProtocol.class.getName());
        connector.setProperty("keepAliveTimeout", "-1");

        assertThat(AlbTomcat.apply(connector, SETTINGS)).isEmpty();
        assertThat(protocol(connector).getKeepAliveTimeout()).isEqualTo(-1);
    }

    @Test
    void aPortOutOfRangeIsRefusedWithTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> AlbTomcat.connector(65_536, SETTINGS))
                .withMessage("'port' must be from 0 to 65535, but was 65536");
    }
}
