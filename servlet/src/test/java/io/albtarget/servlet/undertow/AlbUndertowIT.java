package io.albtarget.servlet.undertow;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.check.Finding;
import io.albtarget.check.Report;
import io.albtarget.check.Severity;
import io.albtarget.internal.keepalive.KeepAliveRequirement;
import io.albtarget.servlet.RawHttp;
import io.undertow.UndertowOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;

/**
 * Undertow's timeouts given explicitly by the user: kept, and warned about when too low. The tuned timeouts are
 * measured on the wire for every server by {@code KeepAliveIT}; {@link RawHttp#closedByServer()} blocks up to
 * 5 s, so the time it took is when the server closed.
 */
class AlbUndertowIT {

    private static final AlbSettings SETTINGS = AlbSettings.builder()
            .idleTimeout(Duration.ofSeconds(2))
            .keepAliveMargin(Duration.ofSeconds(1))
            .build();
    private static final String GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    private AlbUndertow.Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Duration timeUntilClosed(RawHttp http) {
        long start = System.nanoTime();
        assertThat(http.closedByServer()).as("closed by the server within 5 s").isTrue();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void explicitTooLowNoRequestTimeoutIsKeptWithAWarning() {
        OptionMap options = OptionMap.create(UndertowOptions.NO_REQUEST_TIMEOUT, 1000);
        assertThat(AlbUndertow.warnings(SETTINGS, options)).containsExactly(KeepAliveRequirement.of(SETTINGS)
                .shortfall("Undertow NO_REQUEST_TIMEOUT", Duration.ofSeconds(1)));
        server = AlbUndertow.start(new EchoHandler(), "127.0.0.1", 0, SETTINGS, options);
        try (RawHttp http = RawHttp.connect(server.port())) {
            assertThat(http.send(GET).read().status()).isEqualTo(200);
            assertThat(timeUntilClosed(http)).isBetween(Duration.ofMillis(800), Duration.ofMillis(2000));
        }
    }

    @Test
    void explicitTooLowIdleTimeoutIsWarnedAbout() {
        OptionMap options = OptionMap.create(UndertowOptions.IDLE_TIMEOUT, 2999);
        assertThat(AlbUndertow.warnings(SETTINGS, options)).containsExactly(KeepAliveRequirement.of(SETTINGS)
                .shortfall("Undertow IDLE_TIMEOUT", Duration.ofMillis(2999)));
    }

    @Test
    void explicitLongEnoughOrInfiniteTimeoutsAreNotWarnedAbout() {
        assertThat(AlbUndertow.warnings(SETTINGS, OptionMap.create(UndertowOptions.NO_REQUEST_TIMEOUT, 3000,
                UndertowOptions.IDLE_TIMEOUT, -1))).isEmpty();
        assertThat(AlbUndertow.warnings(SETTINGS, OptionMap.EMPTY)).isEmpty();
    }

    @Test
    void listenerGetsTheServerIdleTimeoutUnlessTheUserSetOne() {
        OptionMap defaults = AlbUndertow.listenerOptions(SETTINGS, OptionMap.EMPTY);
        assertThat(defaults.get(UndertowOptions.NO_REQUEST_TIMEOUT)).isEqualTo(3000);
        assertThat(defaults.contains(UndertowOptions.IDLE_TIMEOUT)).as("left unset, as Undertow has it").isFalse();
        OptionMap user = AlbUndertow.listenerOptions(SETTINGS, OptionMap.create(UndertowOptions.IDLE_TIMEOUT, 1,
                UndertowOptions.MAX_HEADER_SIZE, 16384));
        assertThat(user.get(UndertowOptions.IDLE_TIMEOUT)).isEqualTo(1);
        assertThat(user.get(UndertowOptions.MAX_HEADER_SIZE)).isEqualTo(16384);
        assertThat(user.get(UndertowOptions.NO_REQUEST_TIMEOUT)).isEqualTo(3000);
    }

    @Test
    void selfCheckKnowsAndMeasuresATooLowNoRequestTimeout() {
        server = AlbUndertow.start(new EchoHandler(), "0.0.0.0", 0, SETTINGS,
                OptionMap.create(UndertowOptions.NO_REQUEST_TIMEOUT, 1000));

        Report fast = server.selfCheck().run();
        assertThat(fast.findings()).filteredOn(f -> f.id().equals("keep-alive.configured")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.FAIL);
                    assertThat(f.symptom()).isEqualTo("HTTP 502");
                    assertThat(f.message()).startsWith("Undertow NO_REQUEST_TIMEOUT is 1s");
                });
        assertThat(fast.findings()).filteredOn(f -> f.id().equals("health-path")).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.PASS);
        assertThat(server.selfCheck().measureKeepAlive().findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.FAIL);
            assertThat(f.message()).contains("closed an idle connection after 1.");
        });
    }

    @Test
    void selfCheckOfTheTunedListenerReportsTheShorterTimeoutAndNoFailure() {
        server = AlbUndertow.start(new EchoHandler(), "0.0.0.0", 0, SETTINGS,
                OptionMap.create(UndertowOptions.IDLE_TIMEOUT, 3500));

        Report fast = server.selfCheck().run();

        assertThat(fast.hasFailures()).as(fast.toText()).isFalse();
        assertThat(fast.toText()).contains("PASS keep-alive.configured     Undertow NO_REQUEST_TIMEOUT is 3s");
    }
}
