package io.albtarget.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.http.DesyncCases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ALB's desync rules on every server, raw over sockets: every case of {@link DesyncCases} sent alone on a fresh
 * connection to each server with albtarget in its default ({@code defensive}) mode, which must serve it (and keep
 * the connection), serve it and close the connection, or refuse it with albtarget's one-line 400 (501 for the
 * codings the ALB answers with 501) and close, alike on all three. The native column of the printed table shows
 * what each server does by itself.
 */
class DesyncConformanceIT {

    private static final ServerTable TABLE = new ServerTable();
    private static final TestServers.Shared NATIVE = new TestServers.Shared(TestServers::native_);
    private static final TestServers.Shared GUARDED = new TestServers.Shared(
            server -> server.withAlbtarget(AlbSettings.defaults()));

    /** A request and what a target behind an ALB in defensive mode must do with it. */
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

    static Stream<Arguments> serversAndCases() {
        return TestServers.each(expectations());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("serversAndCases")
    @DisplayName("with albtarget, every server serves, closes or refuses each request as the rules say")
    void defensive(TestServers server, Expected expected) {
        WireOutcome before = WireOutcome.observe(NATIVE.get(server).port(), expected.request(), expected.incomplete());
        WireOutcome outcome = WireOutcome.observe(GUARDED.get(server).port(), expected.request(),
                expected.incomplete());
        TABLE.put(server, expected.name(), before + " → " + outcome);
        if (expected.outcome() == null) {
            assertThat(outcome.status() < 200 || outcome.status() >= 400).as("an incomplete head is never served: %s",
                    outcome).isTrue();
            assertThat(outcome.keptAlive()).isFalse();
        } else {
            assertThat(outcome).isEqualTo(expected.outcome());
        }
    }

    @AfterAll
    static void stopServersAndPrintTable() {
        NATIVE.close();
        GUARDED.close();
        System.out.println(TABLE.render("native → with albtarget (defensive)", "case",
                expectations().stream().map(Expected::name).toList()));
    }
}
