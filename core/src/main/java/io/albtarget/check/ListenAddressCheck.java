package io.albtarget.check;

import io.albtarget.probe.HttpProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * For a server probed over the loopback: whether it also accepts connections on the address the ALB connects to,
 * the target's private IP. A server bound to the loopback alone passes every check made over the loopback and still
 * never sees the ALB.
 */
final class ListenAddressCheck implements Check {

    static final String ID = "listen-address";
    private static final int CONNECT_MILLIS = 2_000;

    @Override
    public List<Finding> run(Probing probing) {
        CheckTarget target = probing.target();
        InetAddress probed = target.address().getAddress();
        InetAddress albSide = address(target.hostAddress());
        if (!probed.isLoopbackAddress() || albSide.isLoopbackAddress()) {
            // probed where the ALB connects already, or this machine has no other address to try
            return List.of();
        }
        InetSocketAddress where = new InetSocketAddress(albSide, probing.healthPort());
        try (Socket socket = new Socket()) {
            socket.connect(where, CONNECT_MILLIS);
            return List.of(Finding.pass(ID, "the server accepts connections on " + target.albHost(
                    probing.healthPort()) + ", where the ALB connects"));
        } catch (IOException e) {
            return List.of(Finding.fail(ID, Symptom.FAILED_HEALTH_CHECKS, "the server answers on the loopback but"
                    + " not on " + target.albHost(probing.healthPort()) + ", where the ALB connects: "
                    + HttpProbe.describe(e) + "; every health check fails and clients get HTTP 502")
                    .fix("make the server listen on all interfaces (0.0.0.0), not on 127.0.0.1 or localhost"));
        }
    }

    private static InetAddress address(String literal) {
        String bare = literal.startsWith("[") ? literal.substring(1, literal.length() - 1) : literal;
        try {
            // a literal address: no name service is asked
            return InetAddress.getByName(bare);
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
