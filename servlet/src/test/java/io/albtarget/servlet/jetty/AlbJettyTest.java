package io.albtarget.servlet.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.albtarget.AlbSettings;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import java.time.Duration;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** What {@link AlbJetty#apply} does to a connector before it starts; the wire behaviour is in the server tests. */
class AlbJettyTest {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    private HttpConfiguration http() {
        return connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
    }

    @Test
    void refusesObsFoldAndTheOtherAmbiguousCasesWhateverTheModeStartedFrom() {
        http().setHttpCompliance(HttpCompliance.LEGACY);
        AlbJetty.apply(connector, AlbSettings.defaults());
        HttpCompliance compliance = http().getHttpCompliance();
        assertThat(compliance.allows(HttpCompliance.Violation.MULTILINE_FIELD_VALUE)).isFalse();
        assertThat(compliance.allows(HttpCompliance.Violation.WHITESPACE_AFTER_FIELD_NAME)).isFalse();
        assertThat(compliance.allows(HttpCompliance.Violation.NO_COLON_AFTER_FIELD_NAME)).isFalse();
        assertThat(compliance.allows(HttpCompliance.Violation.DUPLICATE_HOST_HEADERS)).isFalse();
        assertThat(compliance.allows(HttpCompliance.Violation.MULTIPLE_CONTENT_LENGTHS)).isFalse();
        assertThat(compliance.allows(HttpCompliance.Violation.TRANSFER_ENCODING_WITH_CONTENT_LENGTH)).isFalse();
        assertThat(compliance.getAllowed()).as("the rest of the user's mode is kept")
                .isNotEmpty()
                .isSubsetOf(HttpCompliance.LEGACY.getAllowed());
    }

    @Test
    void jettysDefaultIdleTimeoutIsRaisedAboveTheAlbs() {
        assertThat(connector.getIdleTimeout()).isEqualTo(30_000);
        AlbJetty.apply(connector, AlbSettings.defaults());
        assertThat(connector.getIdleTimeout()).isEqualTo(65_000);
    }

    @Test
    void anIdleTimeoutSetByTheUserIsKeptAndATooLowOneWarnedAbout() {
        KeepAliveRequirement requirement = KeepAliveRequirement.of(AlbSettings.defaults());
        connector.setIdleTimeout(10_000);
        assertThat(AlbJetty.keepAlive(connector, requirement))
                .containsExactly(requirement.shortfall("Jetty connector idleTimeout", Duration.ofSeconds(10)));
        assertThat(connector.getIdleTimeout()).isEqualTo(10_000);

        connector.setIdleTimeout(120_000);
        assertThat(AlbJetty.keepAlive(connector, requirement)).isEmpty();
        assertThat(connector.getIdleTimeout()).isEqualTo(120_000);
    }

    @Test
    void switchedOffLeavesTheConnectorAsItWas() {
        HttpCompliance before = http().getHttpCompliance();
        AlbJetty.apply(connector, AlbSettings.builder().enabled(false).build());
        assertThat(http().getHttpCompliance()).isSameAs(before);
        assertThat(connector.getIdleTimeout()).isEqualTo(30_000);
    }

    @Test
    void aConnectorWithoutHttp11IsRefusedWithItsProtocols() {
        ServerConnector bare = new ServerConnector(server, new org.eclipse.jetty.server.ConnectionFactory[0]);
        assertThatIllegalArgumentException().isThrownBy(() -> AlbJetty.apply(bare, AlbSettings.defaults()))
                .withMessageStartingWith("'connector' must have an HTTP/1.1 connection factory, but has");
    }
}
