package io.albtarget.netty;

import io.albtarget.AlbSettings;
import io.albtarget.http.DesyncCases;
import io.albtarget.servlet.DefensiveExpectation;
import io.albtarget.servlet.WireOutcome;
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

    static List<DefensiveExpectation> expectations() {
        return DefensiveExpectation.all();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    @DisplayName("with albtarget, Netty serves, closes or refuses each request as the rules say")
    void defensive(DefensiveExpectation expected) {
        expected.assertMetBy(WireOutcome.observe(SERVER.port(), expected.request(), expected.incomplete()));
    }
}
