package io.albtarget.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.http.DesyncCases;
import io.albtarget.servlet.WireOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ALB's desync rules on a bare Netty server, raw over sockets: every case of {@link DesyncCases} alone on a fresh
 * connection, with albtarget in its default ({@code defensive}) mode, served (connection kept), served then closed,
 * or refused with albtarget's 400 (501 for the codings the ALB answers with 501) and closed.
 */
class NettyDesyncConformanceIT {

    private static final NettyTestServer SERVER = NettyTestServer.guarded(AlbNetty.of(AlbSettings.defaults()));

    /** A request and what a target behind an ALB in defensive mode must do with it; null for an incomplete head. */
    record Expected(String name, byte[] request, boolean incomplete, WireOutcome outcome) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Expected> expectations() {
        List<Expected> expected = new ArrayList<>();
        for (DesyncCases.Case c : DesyncCases.all()) {
            WireOutcome outcome = switch (c.reason().defensive()) {
                case SERVE -> WireOutcome.SERVED;
                case CLOSE -> WireOutcome.SERVED_THEN_CLOSED;
                case REFUSE -> WireOutcome.refused(400);
            };
            expected.add(new Expected(c.toString(), c.bytes(), !c.complete(), c.complete() ? outcome : null));
        }
        for (DesyncCases.Coding c : DesyncCases.unsupportedCodings()) {
            expected.add(new Expected("501: " + c.name(), c.request().getBytes(StandardCharsets.ISO_8859_1), false,
                    WireOutcome.refused(501)));
        }
        return expected;
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    @DisplayName("with albtarget, Netty serves, closes or refuses each request as the rules say")
    void defensive(Expected expected) {
        WireOutcome outcome = WireOutcome.observe(SERVER.port(), expected.request(), expected.incomplete());
        if (expected.outcome() == null) {
            assertThat(outcome.status() < 200 || outcome.status() >= 400).as("an incomplete head is never served: %s",
                    outcome).isTrue();
            assertThat(outcome.keptAlive()).isFalse();
        } else {
            assertThat(outcome).isEqualTo(expected.outcome());
        }
    }
}
