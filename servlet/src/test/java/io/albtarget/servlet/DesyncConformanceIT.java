package io.albtarget.servlet;

import io.albtarget.AlbSettings;
import io.albtarget.http.DesyncCases;
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

    static Stream<Arguments> serversAndCases() {
        return TestServers.each(DefensiveExpectation.all());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("serversAndCases")
    @DisplayName("with albtarget, every server serves, closes or refuses each request as the rules say")
    void defensive(TestServers server, DefensiveExpectation expected) {
        WireOutcome before = WireOutcome.observe(NATIVE.get(server).port(), expected.request(), expected.incomplete());
        WireOutcome outcome = WireOutcome.observe(GUARDED.get(server).port(), expected.request(),
                expected.incomplete());
        TABLE.put(server, expected.name(), before + " → " + outcome);
        expected.assertMetBy(outcome);
    }

    @AfterAll
    static void stopServersAndPrintTable() {
        NATIVE.close();
        GUARDED.close();
        System.out.println(TABLE.render("native → with albtarget (defensive)", "case",
                DefensiveExpectation.all().stream().map(DefensiveExpectation::name).toList()));
    }
}
