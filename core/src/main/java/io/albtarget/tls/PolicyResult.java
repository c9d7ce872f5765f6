package io.albtarget.tls;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of testing one target against one back-end policy: whether the ALB's offer succeeds, why not, and
 * the evidence.
 *
 * <p>The verdict rests on the {@linkplain #fullOffer() full offer}, the ClientHello the ALB sends: it
 * {@link Status#PASS passes} when that handshake completes within the ALB's 10 s and the certificate's key is not
 * {@linkplain CertificateFacts.KeySupport#UNSUPPORTED unsupported}. The enumerations show how much margin there is:
 * one handshake per {@linkplain #protocolHandshakes() protocol version} and one per
 * {@linkplain #suiteHandshakes() suite}. When the full offer fails, {@linkplain #diagnosis() further handshakes}
 * find the reason: the same offer with SNI, then an offer wider than the policy. {@link #reason()} says it all in
 * one line.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PolicyResult {

    /** The verdict for one policy. */
    public enum Status {
        /** The ALB's offer succeeds. */
        PASS,
        /** The ALB's offer fails: the target would answer clients with HTTP 502 and fail its health checks. */
        FAIL,
        /** The test could not run: BouncyCastle is not on the class path. */
        SKIP
    }

    private final BackendPolicy policy;
    private final Status status;
    private final String reason;
    private final @Nullable Handshake fullOffer;
    private final List<Handshake> protocolHandshakes;
    private final List<Handshake> suiteHandshakes;
    private final List<Handshake> diagnosis;
    private final @Nullable CertificateFacts certificate;
    private final long millis;

    PolicyResult(BackendPolicy policy, Status status, String reason, @Nullable Handshake fullOffer,
            List<Handshake> protocolHandshakes, List<Handshake> suiteHandshakes, List<Handshake> diagnosis,
            @Nullable CertificateFacts certificate, long millis) {
        this.policy = policy;
        this.status = status;
        this.reason = reason;
        this.fullOffer = fullOffer;
        this.protocolHandshakes = List.copyOf(protocolHandshakes);
        this.suiteHandshakes = List.copyOf(suiteHandshakes);
        this.diagnosis = List.copyOf(diagnosis);
        this.certificate = certificate;
        this.millis = millis;
    }

    static PolicyResult skipped(BackendPolicy policy, String reason) {
        return new PolicyResult(policy, Status.SKIP, reason, null, List.of(), List.of(), List.of(), null, 0);
    }

    /** The policy tested. */
    public BackendPolicy policy() {
        return policy;
    }

    /** The verdict. */
    public Status status() {
        return status;
    }

    /** Whether the ALB's offer succeeds. */
    public boolean passed() {
        return status == Status.PASS;
    }

    /**
     * One line for a person: on a pass what was negotiated, on a failure why, e.g. {@code the server demands SNI;
     * the ALB sends none}, and on a skip what is missing.
     */
    public String reason() {
        return reason;
    }

    /** The handshake with the policy's whole offer, as the ALB makes it; empty when skipped. */
    public Optional<Handshake> fullOffer() {
        return Optional.ofNullable(fullOffer);
    }

    /**
     * One handshake per protocol version of the policy, each offering the policy's suites usable on it; empty (an
     * empty list) when skipped or when the target could not be reached at all.
     */
    public List<Handshake> protocolHandshakes() {
        return protocolHandshakes;
    }

    /**
     * One handshake per suite of the policy, each offered with the policy's protocol versions it can be used on;
     * empty (an empty list) when skipped or when the target could not be reached at all.
     */
    public List<Handshake> suiteHandshakes() {
        return suiteHandshakes;
    }

    /** The protocol versions the target accepts from the policy, oldest first (or an empty list). */
    public List<String> acceptedProtocols() {
        return protocolHandshakes.stream().filter(Handshake::succeeded).map(h -> h.offeredProtocols().get(0))
                .collect(Collectors.toUnmodifiableList());
    }

    /** The suites the target accepts from the policy, by IANA name, in the policy's order (or an empty list). */
    public List<String> acceptedSuites() {
        return suiteHandshakes.stream().filter(Handshake::succeeded).map(h -> h.offeredSuites().get(0))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * The handshakes made to explain a failed full offer, in order: the same offer with SNI, then an offer wider
     * than the policy (or an empty list).
     */
    public List<Handshake> diagnosis() {
        return diagnosis;
    }

    /** The leaf certificate the target presented; empty when no handshake got that far. */
    public Optional<CertificateFacts> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** Milliseconds the whole test of this policy took. */
    public long millis() {
        return millis;
    }

    @Override
    public String toString() {
        String counts = fullOffer == null || protocolHandshakes.isEmpty() ? ""
                : String.format(" (protocols %s, %d/%d suites)", acceptedProtocols(), acceptedSuites().size(),
                        suiteHandshakes.size());
        return policy + " " + status + ": " + reason + counts;
    }
}
