package io.albtarget.check;

import io.albtarget.internal.probe.AlbRequest;
import io.albtarget.internal.probe.Exchange;
import java.util.List;
import java.util.Optional;

/**
 * Sends requests whose header lines servers and proxies read differently, a line folded over two (obs-fold) and a
 * line with an empty name, and expects the server to refuse both with 400. The ALB passes such lines on (a folded
 * line gets a colon added), so a server that accepts them reads a request the ALB did not see: a desync risk.
 * A server that neither refuses nor answers in full leaves the ALB's client with an error of the ALB's own.
 */
final class FramingCheck implements Check {

    private static final String FIX = "make the server's parser refuse them with 400: albtarget's Tomcat and"
            + " Undertow guards, AlbJetty.apply for Jetty";

    @Override
    public List<Finding> run(Probing probing) {
        String start = "GET " + probing.settings().healthCheckPath() + " HTTP/1.1\r\nHost: " + probing.host()
                + "\r\n";
        return List.of(
                judge(probing, "framing.obs-fold", "a header folded over two lines (obs-fold)",
                        AlbRequest.of(start + "X-Folded: first\r\n second\r\nConnection: close\r\n\r\n")),
                judge(probing, "framing.empty-header-name", "a header line with an empty name",
                        AlbRequest.of(start + ": empty-name\r\nConnection: close\r\n\r\n")));
    }

    private static Finding judge(Probing probing, String id, String what, AlbRequest request) {
        Exchange answer = probing.send(request);
        String[] evidence = {"sent: " + request, "got: " + answer};
        Optional<String> other = probing.otherProtocol(answer);
        if (other.isPresent()) {
            return Finding.skip(id, other.get()).evidence(evidence);
        }
        if (answer.outcome() == Exchange.Outcome.CONNECT_FAILED) {
            return Finding.skip(id, "the target could not be reached: " + answer.detail());
        }
        if (answer.outcome() == Exchange.Outcome.COMPLETE && answer.status() == 400) {
            return Finding.pass(id, "the server refuses " + what + " with 400").evidence(evidence);
        }
        if (answer.status() > 0 && answer.status() != 400) {
            return Finding.warn(id, Symptom.DESYNC, "the server does not refuse " + what + " (" + answer
                    + "); the ALB passes such lines on and servers disagree on their meaning").evidence(evidence)
                    .fix(FIX);
        }
        if (answer.outcome() == Exchange.Outcome.TIMED_OUT) {
            return Finding.warn(id, Symptom.HTTP_504, "the server neither refuses nor answers " + what + " ("
                    + answer + "): behind the ALB the client waits until alb.idle-timeout and gets HTTP 504")
                    .evidence(evidence).fix(FIX);
        }
        return Finding.warn(id, Symptom.HTTP_502, "the server gives no whole answer to " + what + " (" + answer
                + "): behind the ALB the client gets HTTP 502 where a 400 would say what was wrong")
                .evidence(evidence).fix(FIX);
    }
}
