package io.albtarget.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Tests one policy with a {@link Handshaker}: the full offer, the enumerations, the diagnosis, the verdict. */
final class PolicyProbe {

    /** Outcomes where the server spoke TLS, so that more handshakes can tell more. */
    private static final Set<Handshake.Outcome> ANSWERED = Set.of(Handshake.Outcome.NEGOTIATED,
            Handshake.Outcome.ALERT, Handshake.Outcome.CLOSED, Handshake.Outcome.ABORTED);

    private final BackendPolicy policy;
    private final Handshaker handshaker;
    private final String sniName;
    private final List<Handshake> diagnosis = new ArrayList<>();

    private PolicyProbe(BackendPolicy policy, Handshaker handshaker, String sniName) {
        this.policy = policy;
        this.handshaker = handshaker;
        this.sniName = sniName;
    }

    static PolicyResult run(BackendPolicy policy, Handshaker handshaker, String sniName) {
        return new PolicyProbe(policy, handshaker, sniName).run();
    }

    private PolicyResult run() {
        long start = System.nanoTime();
        Offer offer = Offer.of(policy.protocols(), policy.suites());
        Handshake full = handshaker.attempt(offer);
        List<Handshake> protocols = List.of();
        List<Handshake> suites = List.of();
        if (ANSWERED.contains(full.outcome())) {
            protocols = policy.protocols().stream()
                    .map(p -> handshaker.attempt(Offer.of(List.of(p), policy.suitesFor(p))))
                    .collect(Collectors.toList());
            suites = policy.suites().stream()
                    .map(s -> handshaker.attempt(Offer.of(policy.protocolsFor(s), List.of(s))))
                    .collect(Collectors.toList());
        }
        PolicyResult.Status status = PolicyResult.Status.FAIL;
        String reason;
        CertificateFacts certificate = certificate(Stream.of(List.of(full), suites, protocols));
        if (full.succeeded()) {
            if (full.millis() > TlsSelfTest.ALB_TIMEOUT.toMillis()) {
                reason = "the handshake took " + full.millis() + " ms, longer than the 10 s the ALB waits";
            } else if (certificate != null && certificate.keySupport() == CertificateFacts.KeySupport.UNSUPPORTED) {
                reason = certificate.keyNote();
            } else {
                status = PolicyResult.Status.PASS;
                reason = "negotiated " + full.detail() + (certificate != null
                        && certificate.keySupport() == CertificateFacts.KeySupport.DOUBTFUL
                                ? "; but " + certificate.keyNote() : "");
            }
        } else if (ANSWERED.contains(full.outcome())) {
            reason = diagnose(offer, full);
            if (certificate == null) {
                certificate = certificate(Stream.of(diagnosis));
            }
        } else {
            reason = full.detail() + ": the ALB could not connect either";
        }
        return new PolicyResult(policy, status, reason, full, protocols, suites, diagnosis, certificate,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Why the server refused the ALB's offer: it wants SNI, it wants something outside the policy, or neither. */
    private String diagnose(Offer offer, Handshake full) {
        Handshake withSni = handshaker.attempt(offer.withSni(sniName));
        diagnosis.add(withSni);
        if (withSni.succeeded()) {
            return "the server demands SNI; the ALB sends none (without SNI: " + full.detail() + "; with SNI "
                    + sniName + ": " + withSni.detail() + ")";
        }
        Handshake wide = handshaker.attempt(
                handshaker.beyondPolicy(BackendPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06));
        diagnosis.add(wide);
        String answer = " (the policy's offer: " + full.detail() + ")";
        if (wide.succeeded()) {
            CertificateFacts facts = certificate(Stream.of(List.of(wide)));
            if (facts != null && facts.keySupport() == CertificateFacts.KeySupport.UNSUPPORTED) {
                return facts.keyNote() + answer;
            }
            String protocol = wide.protocol().orElseThrow();
            String suite = wide.suite().orElseThrow();
            boolean inPolicy = policy.protocols().contains(protocol)
                    && policy.suites().stream().anyMatch(s -> s.ianaName().equals(suite));
            return inPolicy
                    ? "the server accepts " + protocol + " " + suite + " only with signature algorithms beyond RSA"
                            + " and ECDSA, which the ALB does not offer" + answer
                    : "the server accepts only what " + policy + " does not offer: from a wider offer it chose "
                            + protocol + " " + suite + answer;
        }
        return full.alert().filter("protocol_version"::equals).isPresent()
                ? "the server accepts none of the policy's protocol versions " + policy.protocols() + answer
                : "the server accepts none of the policy's " + policy.suites().size() + " cipher suites" + answer;
    }

    /** The leaf of the first chain any of these handshakes received. */
    private static @Nullable CertificateFacts certificate(Stream<List<Handshake>> handshakes) {
        return handshakes.flatMap(List::stream).filter(h -> !h.chain().isEmpty()).findFirst()
                .map(h -> CertificateFacts.of(h.chain().get(0))).orElse(null);
    }
}
