package io.albtarget.compat.matrix;

import io.albtarget.AlbSettings;
import io.albtarget.compat.contract.AlbContractTests;
import io.albtarget.compat.contract.ContractTarget;
import java.time.Duration;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit's contract against every server, with albtarget and as the baseline; each item's result goes to the
 * matrix's report. The ALB's idle timeout is played as 2 s.
 */
@ParameterizedClass(name = "{0}, {1}")
@MethodSource("serversAndModes")
@ExtendWith(ContractOutcomes.class)
class ContractMatrixIT extends AlbContractTests {

    private static final AlbSettings SETTINGS = MatrixSettings.SCALED;

    @Parameter(0)
    Server server;
    @Parameter(1)
    Mode mode;
    private @Nullable RunningServer running;

    static Stream<Arguments> serversAndModes() {
        return Server.selected().flatMap(server -> Stream.of(Mode.values())
                .map(mode -> Arguments.of(server, mode)));
    }

    Server server() {
        return server;
    }

    Mode mode() {
        return mode;
    }

    @Override
    protected ContractTarget target() {
        RunningServer started = running;
        if (started == null) {
            started = server.start(mode, SETTINGS);
            running = started;
        }
        RunningServer app = started;
        ContractTarget target = ContractTarget.of(app.uri(), SETTINGS).withShutdown(app::shutdown);
        // a baseline has no health answer of albtarget's for a dependency to hold up
        return mode == Mode.ALBTARGET
                ? target.withHangingDependency(() -> app.hangDependency().orElseThrow()) : target;
    }

    @AfterParameterizedClassInvocation
    void stopServer() {
        // one test instance serves every server and mode in turn
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
