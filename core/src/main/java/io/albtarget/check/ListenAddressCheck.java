package io.albtarget.check;

import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import io.albtarget.internal.probe.HttpProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * For a server probed over the loopback: whether it also answers the health check on the address the ALB connects
 * to, the target's private IP. A server bound to the loopback alone passes every check made over the loopback and
 * still never sees the ALB.
 */
final class ListenAddressCheck implements Check {

    static final String ID = "listen-address";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @Override
    public List<Finding> run(Probing probing) {
        CheckTarget target = probing.target();
        InetAddress probed = target.address().getAddress();
        InetAddress albSide = address(target.hostAddress());
        if (!probed.isLoopbackAddress() || albSide.isLoopbackAddress()) {
            // probed where the ALB connects already, or this machine has no other address to try
            return List.of();
        }
        String where = target.albHost(probing.healthPort());
        Exchange answer = HttpProbe.to(new InetSocketAddress(albSide, probing.healthPort())).tls(target.usesTls())
                .connectTimeout(CONNECT_TIMEOUT)
                .exchange(AlbRequest.healthCheck(probing.settings().healthCheckPath(), where),
                        probing.settings().timeout());
        String seen = "got: " + answer;
        if (answer.outcome() == Exchange.Outcome.COMPLETE) {
            return List.of(Finding.pass(ID, "the server answers on " + where + ", where the ALB connects")
                    .evidence(seen));
        }
        if (answer.outcome() == Exchange.Outcome.CONNECT_FAILED) {
            return List.of(Finding.fail(ID, Symptom.FAILED_HEALTH_CHECKS, "the server answers on the loopback but"
                    + " not on " + where + ", where the ALB connects: " + answer.detail() + "; every health check"
                    + " fails and clients get HTTP 502").evidence(seen)
                    .fix("make the server listen on all interfaces (0.0.0.0), not on 127.0.0.1 or localhost"));
        }
        if (probing.healthAnswer().outcome() != Exchange.Outcome.COMPLETE) {
            // nothing to compare with: health-path names what the ALB sees
            return List.of(Finding.skip(ID, "no whole answer on " + where + " (" + answer + "), nor on the"
                    + " loopback").evidence(seen));
        }
        return List.of(Finding.fail(ID, Symptom.of(answer), "the server answers on the loopback but gives no"
                + " whole answer on " + where + ", where the ALB connects: " + answer).evidence(seen)
                .fix("make the server itself listen on all interfaces (0.0.0.0), with nothing else on " + where));
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
