package io.albtarget.check;

import io.albtarget.probe.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sends the health check with both {@code Host} forms the ALB uses, the bare IP and {@code IP:port} (which one
 * depends on the port and has changed over time), and fails when the server refuses either.
 */
final class HostFormsCheck implements Check {

    static final String ID = "host-forms";

    @Override
    public List<Finding> run(Probing probing) {
        CheckTarget target = probing.target();
        if (target.hostHeaderGiven()) {
            return List.of(Finding.skip(ID, "a Host header was given; the ALB's own forms were not tried"));
        }
        List<String> evidence = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String host : List.of(target.hostAddress(), target.hostAddress() + ":" + probing.healthPort())) {
            Exchange answer = probing.healthCheck(host);
            evidence.add("Host: " + host + " -> " + answer);
            if (answer.outcome() == Exchange.Outcome.CONNECT_FAILED) {
                return List.of(Finding.skip(ID, "the target could not be reached: " + answer.detail()));
            }
            if (answer.status() == 400 || answer.status() == 421) {
                refused.add(host + " (" + answer.status() + ")");
            }
        }
        String[] lines = evidence.toArray(String[]::new);
        if (refused.isEmpty()) {
            return List.of(Finding.pass(ID, "both Host forms of the ALB's health checker are accepted: "
                    + target.hostAddress() + " and " + target.hostAddress() + ":" + probing.healthPort())
                    .evidence(lines));
        }
        return List.of(Finding.fail(ID, Symptom.RESPONSE_CODE_MISMATCH, String.format(Locale.ROOT,
                "the server refuses the ALB's Host %s", String.join(" and ", refused))).evidence(lines)
                .fix("accept the target's own IP, with and without the port, as Host (albtarget's filter does;"
                        + " Spring Security's StrictHttpFirewall and Django-style allow-lists need the IP added)"));
    }
}
