package io.albtarget.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Runs one check as the self-check does, for the tests of single checks. */
final class CheckRun {

    private CheckRun() {
    }

    /** A target on the loopback at this port, known only by its address. */
    static CheckTarget loopback(int port) {
        return CheckTarget.remote(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static List<Finding> findings(Check check, AlbSettings settings, CheckTarget target) {
        return check.run(new Probing(settings, target, () -> false));
    }

    /** The check's only finding, which must carry this id. */
    static Finding single(Check check, String id, AlbSettings settings, CheckTarget target) {
        List<Finding> findings = findings(check, settings, target);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).id()).isEqualTo(id);
        return findings.get(0);
    }
}
