package io.albtarget.check;

import io.albtarget.AlbSettings;
import io.albtarget.tls.BackendPolicy;
import io.albtarget.tls.CertificateFacts;
import io.albtarget.tls.Handshake;
import io.albtarget.tls.PolicyResult;
import io.albtarget.tls.TlsSelfTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Makes the handshake the ALB makes with an HTTPS target, for the back-end policy in {@code alb.tls.backend-policy},
 * or for both when it is not set (the policy follows the listener's, which the target cannot see), and judges the
 * certificate's key. Plain-HTTP targets get no finding.
 */
final class TlsCheck implements Check {

    private static final String PREFIX = "ELBSecurityPolicy-";
    private static final String USABLE_KEY = "serve an RSA (2048 bits or more) or EC P-256/P-384 certificate";

    @Override
    public List<Finding> run(Probing probing) {
        CheckTarget target = probing.target();
        if (!target.usesTls()) {
            return List.of();
        }
        AlbSettings settings = probing.settings();
        List<BackendPolicy> policies = settings.tlsBackendPolicySet()
                ? List.of(BackendPolicy.of(settings.tlsBackendPolicy())) : List.of(BackendPolicy.values());
        Optional<String> other = probing.otherProtocol();
        if (other.isPresent()) {
            // no handshake can tell more: the port does not speak TLS
            return policies.stream().map(policy -> Finding.fail(id(policy), Symptom.HTTP_502, policy.policyName()
                    + ": " + other.get() + "; the ALB's handshake fails, the target would fail its health checks and"
                    + " clients would get " + Symptom.HTTP_502).fix(probing.otherProtocolFix()))
                    .collect(Collectors.toList());
        }
        TlsSelfTest test = TlsSelfTest.of(target.address().getAddress().getHostAddress(), target.address().getPort());
        List<Finding> findings = new ArrayList<>();
        Optional<CertificateFacts> certificate = Optional.empty();
        for (BackendPolicy policy : policies) {
            PolicyResult result = test.run(policy);
            findings.add(finding(result));
            if (certificate.isEmpty()) {
                certificate = result.certificate();
            }
        }
        certificate.map(TlsCheck::certificate).ifPresent(findings::add);
        return findings;
    }

    private static String id(BackendPolicy policy) {
        return "tls." + policy.policyName().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    }

    private static Finding finding(PolicyResult result) {
        String id = id(result.policy());
        String policy = result.policy().policyName();
        switch (result.status()) {
            case SKIP:
                return Finding.skip(id, result.reason());
            case PASS:
                return Finding.pass(id, String.format(Locale.ROOT, "%s: %s; accepts %s and %d of %d suites: %s",
                        policy, result.reason(), String.join(", ", result.acceptedProtocols()),
                        result.acceptedSuites().size(), result.policy().suites().size(),
                        String.join(", ", result.acceptedSuites())));
            default:
                boolean timedOut = result.fullOffer().map(h -> h.outcome() == Handshake.Outcome.TIMEOUT)
                        .orElse(false);
                Finding failed = Finding.fail(id, timedOut ? Symptom.HTTP_504 : Symptom.HTTP_502, policy + ": "
                        + result.reason() + "; the target would fail its health checks and clients would get "
                        + (timedOut ? Symptom.HTTP_504 : Symptom.HTTP_502)).fix(fix(result));
                List<String> evidence = new ArrayList<>();
                result.fullOffer().ifPresent(h -> evidence.add("the ALB's offer: " + h));
                result.diagnosis().forEach(h -> evidence.add("then: " + h));
                return failed.evidence(evidence.toArray(String[]::new));
        }
    }

    private static String fix(PolicyResult result) {
        String reason = result.reason();
        if (reason.contains("SNI")) {
            return "serve a default certificate to clients that send no server name";
        }
        if (result.fullOffer().flatMap(Handshake::alert).filter("protocol_version"::equals).isPresent()) {
            return "enable TLSv1.2 on the server: " + result.policy().policyName() + " offers "
                    + String.join(", ", result.policy().protocols());
        }
        if (result.certificate().map(c -> c.keySupport() == CertificateFacts.KeySupport.UNSUPPORTED).orElse(false)) {
            return USABLE_KEY;
        }
        return "enable TLSv1.2 with ECDHE suites with AES-GCM (e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), which"
                + " both policies offer";
    }

    private static Finding certificate(CertificateFacts facts) {
        return keyFinding("tls.certificate", facts, "the certificate: " + facts
                + " (the ALB validates neither names nor dates)");
    }

    /** The finding on a certificate's key: PASS where the ALB can use it, WARN where doubtful, else FAIL. */
    static Finding keyFinding(String id, CertificateFacts facts, String seen) {
        switch (facts.keySupport()) {
            case SUPPORTED:
                return Finding.pass(id, seen);
            case DOUBTFUL:
                return Finding.warn(id, Symptom.HTTP_502, seen + "; " + facts.keyNote()).fix(USABLE_KEY);
            default:
                return Finding.fail(id, Symptom.HTTP_502, seen + "; " + facts.keyNote()).fix(USABLE_KEY);
        }
    }
}
