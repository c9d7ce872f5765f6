package io.albtarget.compat.matrix;

import io.albtarget.servlet.DefensiveExpectation;
import io.albtarget.servlet.WireOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ALB's desync rules on every server: with albtarget, each request of the rules' catalogue is served, served
 * then closed, or refused as the ALB's default (defensive) mode says, the same way on every server; the baseline's
 * outcome, the server on its own, is counted beside it.
 */
class DesyncConformanceIT {

    static final String SECTION = "Desync rules";
    private static final Map<Server, Map<Mode, RunningServer>> RUNNING = new EnumMap<>(Server.class);
    private static final Map<Server, Map<Mode, int[]>> MISSED = new EnumMap<>(Server.class);

    static Stream<Arguments> serversAndCases() {
        return Server.selected().flatMap(server -> DefensiveExpectation.all().stream()
                .map(expected -> Arguments.of(server, expected)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("serversAndCases")
    @DisplayName("with albtarget, every server serves, closes or refuses each request as the ALB's rules say")
    void defensive(Server server, DefensiveExpectation expected) {
        WireOutcome baseline = observe(server, Mode.BASELINE, expected);
        count(server, Mode.BASELINE, meets(expected, baseline));
        WireOutcome outcome = observe(server, Mode.ALBTARGET, expected);
        count(server, Mode.ALBTARGET, meets(expected, outcome));
        expected.assertMetBy(outcome);
    }

    @AfterAll
    static void stopServersAndReport() {
        int total = DefensiveExpectation.all().size();
        MISSED.forEach((server, modes) -> modes.forEach((mode, missed) -> MatrixReport.RUN.count(SECTION,
                "Every request of the ALB's desync catalogue (" + total + " cases: each reason of the ALB's"
                        + " classification, and the transfer codings it answers with 501), sent over raw sockets."
                        + " A request meets the rules when it is served, served then closed, or refused with the"
                        + " status the ALB's default (defensive) mode gives it.",
                "requests not handled as the rules say", server, mode, new MatrixReport.Count(missed[0], total))));
        RUNNING.values().forEach(modes -> modes.values().forEach(RunningServer::close));
        RUNNING.clear();
    }

    private static synchronized WireOutcome observe(Server server, Mode mode, DefensiveExpectation expected) {
        RunningServer running = RUNNING.computeIfAbsent(server, s -> new EnumMap<>(Mode.class))
                .computeIfAbsent(mode, m -> server.start(m, MatrixSettings.SCALED));
        // a server silent for the ALB's idle timeout leaves the ALB's client with 504: no answer
        return WireOutcome.observe(running.port(), expected.request(), expected.incomplete(),
                MatrixSettings.SCALED.idleTimeout());
    }

    private static boolean meets(DefensiveExpectation expected, WireOutcome observed) {
        try {
            expected.assertMetBy(observed);
            return true;
        } catch (AssertionError missed) {
            return false;
        }
    }

    private static synchronized void count(Server server, Mode mode, boolean met) {
        int[] missed = MISSED.computeIfAbsent(server, s -> new EnumMap<>(Mode.class))
                .computeIfAbsent(mode, m -> new int[1]);
        if (!met) {
            missed[0]++;
        }
    }
}
