package io.albtarget.tls;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** What one handshake offers: protocol versions, suites by code and name, and the SNI name if any. */
final class Offer {

    private final List<String> protocols;
    private final List<Integer> suiteCodes;
    private final List<String> suiteNames;
    private final @Nullable String sni;
    private final boolean beyondPolicy;

    Offer(List<String> protocols, List<Integer> suiteCodes, List<String> suiteNames, @Nullable String sni,
            boolean beyondPolicy) {
        this.protocols = List.copyOf(protocols);
        this.suiteCodes = List.copyOf(suiteCodes);
        this.suiteNames = List.copyOf(suiteNames);
        this.sni = sni;
        this.beyondPolicy = beyondPolicy;
    }

    /** The ALB's kind of offer: these protocols and suites, no SNI, the signature algorithms of RSA and ECDSA. */
    static Offer of(List<String> protocols, List<BackendPolicy.Suite> suites) {
        return new Offer(protocols, suites.stream().map(BackendPolicy.Suite::code).collect(Collectors.toList()),
                suites.stream().map(BackendPolicy.Suite::ianaName).collect(Collectors.toList()), null, false);
    }

    /** The same offer with SNI. */
    Offer withSni(String name) {
        return new Offer(protocols, suiteCodes, suiteNames, name, beyondPolicy);
    }

    List<String> protocols() {
        return protocols;
    }

    List<Integer> suiteCodes() {
        return suiteCodes;
    }

    List<String> suiteNames() {
        return suiteNames;
    }

    @Nullable String sni() {
        return sni;
    }

    /** Whether the offer goes beyond any ALB policy, to learn what the server would take instead. */
    boolean beyondPolicy() {
        return beyondPolicy;
    }
}
