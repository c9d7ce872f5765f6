package io.albtarget.check;

import io.albtarget.probe.AlbRequest;
import io.albtarget.probe.Exchange;
import java.util.List;

/**
 * Sends requests whose header lines servers and proxies read differently, a line folded over two (obs-fold) and a
 * line with an empty name, and expects the server to refuse both with 400. The ALB passes such lines on (a folded
 * line gets a colon added), so a server that accepts them reads a request the ALB did not see: a desync risk.
 */
final class FramingCheck implements Check {

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
        if (answer.outcome() == Exchange.Outcome.CONNECT_FAILED) {
            return Finding.skip(id, "the target could not be reached: " + answer.detail());
        }
        if (answer.status() == 400) {
            return Finding.pass(id, "the server refuses " + what + " with 400").evidence(evidence);
        }
        if (answer.status() < 0 && answer.outcome() == Exchange.Outcome.CLOSED_EARLY) {
            return Finding.pass(id, "the server closes the connection on " + what).evidence(evidence);
        }
        return Finding.warn(id, Symptom.DESYNC, "the server does not refuse " + what + " (" + answer
                + "); the ALB passes such lines on and servers disagree on their meaning").evidence(evidence)
                .fix("make the server's parser refuse them: albtarget's Tomcat and Undertow guards,"
                        + " AlbJetty.apply for Jetty");
    }
}
