package io.albtarget.check;

import io.albtarget.internal.probe.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends the health check with both {@code Host} forms the ALB uses, the bare IP and {@code IP:port} (which one
 * depends on the port and has changed over time), and fails when the server refuses either, or leaves one without
 * a whole answer while it answers the other.
 */
final class HostFormsCheck implements Check {

    static final String ID = "host-forms";

    @Override
    public List<Finding> run(Probing probing) {
        CheckTarget target = probing.target();
        if (target.hostHeaderGiven()) {
            return List.of(Finding.skip(ID, "a Host header was given; the ALB's own forms were not tried"));
        }
        List<String> forms = List.of(target.hostAddress(), target.hostAddress() + ":" + probing.healthPort());
        List<String> evidence = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        String unansweredSymptom = "";
        for (String host : forms) {
            Exchange answer = probing.healthCheck(host);
            evidence.add("Host: " + host + " -> " + answer);
            Optional<String> other = probing.otherProtocol(answer);
            if (other.isPresent()) {
                return List.of(Finding.skip(ID, other.get()));
            }
            if (answer.outcome() == Exchange.Outcome.CONNECT_FAILED) {
                return List.of(Finding.skip(ID, "the target could not be reached: " + answer.detail()));
            }
            if (answer.outcome() != Exchange.Outcome.COMPLETE) {
                unanswered.add("the ALB's health check with Host " + host + " got no whole answer: " + answer);
                unansweredSymptom = Symptom.of(answer);
            } else if (answer.status() == 400 || answer.status() == 421) {
                refused.add(host + " (" + answer.status() + ")");
            }
        }
        String[] lines = evidence.toArray(String[]::new);
        if (unanswered.size() == forms.size()) {
            // nothing to compare the forms by: health-path names what the ALB sees
            return List.of(Finding.skip(ID, "neither Host form got a whole answer, so neither can be judged: "
                    + String.join("; ", lines)));
        }
        List<String> problems = new ArrayList<>();
        if (!refused.isEmpty()) {
            problems.add("the server refuses the ALB's Host " + String.join(" and ", refused));
        }
        problems.addAll(unanswered);
        if (problems.isEmpty()) {
            return List.of(Finding.pass(ID, "both Host forms of the ALB's health checker are accepted: "
                    + String.join(" and ", forms)).evidence(lines));
        }
        String symptom = refused.isEmpty() ? unansweredSymptom : Symptom.RESPONSE_CODE_MISMATCH;
        return List.of(Finding.fail(ID, symptom, String.join("; ", problems)).evidence(lines)
                .fix("accept the target's own IP, with and without the port, as Host, and answer it in full"
                        + " (albtarget's filter does; Spring Security's StrictHttpFirewall and Django-style"
                        + " allow-lists need the IP added)"));
    }
}
