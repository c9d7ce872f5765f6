package io.albtarget.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One TLS handshake the self-test made: what it offered and what came back.
 *
 * <p>Every handshake is a new TCP connection. It either {@link Outcome#NEGOTIATED negotiated} a protocol and a
 * suite, or failed in one of the ways the other outcomes name; {@link #detail()} says how in one line.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Handshake {

    /** How a handshake ended. */
    public enum Outcome {
        /** The handshake completed: {@link #protocol()} and {@link #suite()} are set. */
        NEGOTIATED,
        /** The server sent a fatal TLS alert, named by {@link #alert()}, e.g. {@code protocol_version}. */
        ALERT,
        /** The server closed or reset the connection without an alert. */
        CLOSED,
        /** The server answered with something the offer did not allow, or the client could not go on. */
        ABORTED,
        /** The TCP connection was refused: nothing listens on the port. */
        REFUSED,
        /** No TCP connection, or no complete handshake, within the configured timeout. */
        TIMEOUT,
        /** Any other network failure, e.g. an unknown host. */
        ERROR
    }

    private final List<String> offeredProtocols;
    private final List<String> offeredSuites;
    private final @Nullable String sni;
    private final Outcome outcome;
    private final @Nullable String protocol;
    private final @Nullable String suite;
    private final @Nullable String alert;
    private final String detail;
    private final long millis;
    private final List<X509Certificate> chain;

    private Handshake(Offer offer, Outcome outcome, @Nullable String protocol, @Nullable String suite,
            @Nullable String alert, String detail, long millis, List<X509Certificate> chain) {
        this.offeredProtocols = offer.protocols();
        this.offeredSuites = offer.suiteNames();
        this.sni = offer.sni();
        this.outcome = outcome;
        this.protocol = protocol;
        this.suite = suite;
        this.alert = alert;
        this.detail = detail;
        this.millis = millis;
        this.chain = List.copyOf(chain);
    }

    static Handshake negotiated(Offer offer, String protocol, String suite, long millis, List<X509Certificate> chain) {
        return new Handshake(offer, Outcome.NEGOTIATED, protocol, suite, null, protocol + " " + suite + " in "
                + millis + " ms", millis, chain);
    }

    static Handshake failed(Offer offer, Outcome outcome, @Nullable String alert, String detail, long millis,
            List<X509Certificate> chain) {
        return new Handshake(offer, outcome, null, null, alert, detail, millis, chain);
    }

    /** Whether the handshake completed. */
    public boolean succeeded() {
        return outcome == Outcome.NEGOTIATED;
    }

    /** How the handshake ended. */
    public Outcome outcome() {
        return outcome;
    }

    /** The protocol versions offered, oldest first, e.g. {@code [TLSv1, TLSv1.1, TLSv1.2]}. */
    public List<String> offeredProtocols() {
        return offeredProtocols;
    }

    /** The cipher suites offered, by IANA name, in the order offered. */
    public List<String> offeredSuites() {
        return offeredSuites;
    }

    /** The server name sent as SNI; empty when none was sent, as the ALB sends none. */
    public Optional<String> sni() {
        return Optional.ofNullable(sni);
    }

    /** The negotiated protocol version, e.g. {@code TLSv1.2}; empty unless {@link #succeeded()}. */
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** The negotiated cipher suite by IANA name; empty unless {@link #succeeded()}. */
    public Optional<String> suite() {
        return Optional.ofNullable(suite);
    }

    /** The description of the fatal alert the server sent, e.g. {@code handshake_failure}; empty for other outcomes. */
    public Optional<String> alert() {
        return Optional.ofNullable(alert);
    }

    /** One line on what came back, e.g. {@code TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 in 7 ms}. */
    public String detail() {
        return detail;
    }

    /** Milliseconds from the start of the TCP connect to the end of the handshake or its failure. */
    public long millis() {
        return millis;
    }

    /** The certificate chain the server presented, leaf first; empty if the handshake failed before it. */
    List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public String toString() {
        return "offered " + offeredProtocols + " with " + offeredSuites.size() + " suites"
                + (sni == null ? ", no SNI" : ", SNI " + sni) + ": " + outcome + " " + detail;
    }
}
