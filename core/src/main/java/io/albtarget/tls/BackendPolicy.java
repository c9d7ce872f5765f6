package io.albtarget.tls;

import io.albtarget.AlbSettings;
import io.albtarget.internal.Printable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A TLS policy the ALB offers when it connects to an HTTPS target: the protocol versions and cipher suites of its
 * ClientHello, exactly as AWS lists them.
 *
 * <p>Which one applies follows from the HTTPS listener's own policy (see {@link #forListenerPolicy(String)}): a
 * listener on a TLS 1.3 policy ({@code ELBSecurityPolicy-TLS13-*}) makes the ALB offer
 * {@link #ELB_SECURITY_POLICY_TLS13_1_0_2021_06} to targets; any other listener policy makes it offer
 * {@link #ELB_SECURITY_POLICY_2016_08}. A FIPS listener policy moves the back end to
 * {@code ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04}, which is not modelled here. The ALB offers exactly one of these
 * policies, sends no SNI (as far as AWS documents), validates no certificate and gives up after 10 s; a target
 * that accepts none of the offer fails every handshake: HTTP 502 to clients and failed health checks.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum BackendPolicy {

    /** {@code ELBSecurityPolicy-2016-08}: TLS 1.0 to 1.2, 18 suites. */
    ELB_SECURITY_POLICY_2016_08(AlbSettings.TlsPolicy.ELB_SECURITY_POLICY_2016_08,
            List.of(Suite.TLSV1, Suite.TLSV1_1, Suite.TLSV1_2), Suite.TLS12_AND_EARLIER),

    /** {@code ELBSecurityPolicy-TLS13-1-0-2021-06}: TLS 1.0 to 1.3, the 18 suites of 2016-08 and 3 of TLS 1.3. */
    ELB_SECURITY_POLICY_TLS13_1_0_2021_06(AlbSettings.TlsPolicy.ELB_SECURITY_POLICY_TLS13_1_0_2021_06,
            List.of(Suite.TLSV1, Suite.TLSV1_1, Suite.TLSV1_2, Suite.TLSV1_3),
            Stream.concat(Suite.TLS13.stream(), Suite.TLS12_AND_EARLIER.stream())
                    .collect(Collectors.toUnmodifiableList()));

    private final AlbSettings.TlsPolicy setting;
    private final List<String> protocols;
    private final List<Suite> suites;

    BackendPolicy(AlbSettings.TlsPolicy setting, List<String> protocols, List<Suite> suites) {
        this.setting = setting;
        this.protocols = protocols;
        this.suites = suites;
    }

    /** The policy of an {@code alb.tls.backend-policy} setting. */
    public static BackendPolicy of(AlbSettings.TlsPolicy setting) {
        Objects.requireNonNull(setting, "'setting' must not be null");
        for (BackendPolicy policy : values()) {
            if (policy.setting == setting) {
                return policy;
            }
        }
        throw new IllegalArgumentException("no back-end policy for " + setting);
    }

    /**
     * The policy the ALB offers targets when its HTTPS listener uses this policy: {@code ELBSecurityPolicy-TLS13-*}
     * gives {@link #ELB_SECURITY_POLICY_TLS13_1_0_2021_06}, every other {@code ELBSecurityPolicy-*} gives
     * {@link #ELB_SECURITY_POLICY_2016_08}.
     *
     * <p>An older wording of the AWS documentation applies the TLS 1.3 rule when <em>any</em> HTTPS listener of the
     * load balancer uses a TLS 1.3 policy; with several listeners, test both policies.
     *
     * @param listenerPolicy the listener's policy name, e.g. {@code ELBSecurityPolicy-TLS13-1-2-2021-06}
     * @throws IllegalArgumentException if the name is not an {@code ELBSecurityPolicy-*} name, or is a FIPS policy,
     *     whose back-end policy {@code ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04} is not supported
     */
    public static BackendPolicy forListenerPolicy(String listenerPolicy) {
        Objects.requireNonNull(listenerPolicy, "'listenerPolicy' must not be null");
        String name = listenerPolicy.strip();
        if (!name.startsWith("ELBSecurityPolicy-")) {
            throw new IllegalArgumentException("'listenerPolicy' must be an ELBSecurityPolicy-* name, but was '"
                    + Printable.of(listenerPolicy) + "'");
        }
        if (name.toUpperCase(Locale.ROOT).contains("FIPS")) {
            throw new IllegalArgumentException("the FIPS listener policy '" + Printable.of(name) + "' makes the ALB"
                    + " offer ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04 to targets, which is not supported");
        }
        return name.startsWith("ELBSecurityPolicy-TLS13-") ? ELB_SECURITY_POLICY_TLS13_1_0_2021_06
                : ELB_SECURITY_POLICY_2016_08;
    }

    /** The policy's name as AWS writes it, e.g. {@code ELBSecurityPolicy-2016-08}. */
    public String policyName() {
        return setting.policyName();
    }

    /** The {@code alb.tls.backend-policy} setting that names this policy. */
    public AlbSettings.TlsPolicy setting() {
        return setting;
    }

    /** The protocol versions offered, oldest first, as Java names them: {@code TLSv1}, {@code TLSv1.1}, ... */
    public List<String> protocols() {
        return protocols;
    }

    /** The cipher suites offered, in the order AWS lists them. */
    public List<Suite> suites() {
        return suites;
    }

    /** The suites of this policy usable on one protocol version, e.g. the 6 CBC-SHA suites on {@code TLSv1}. */
    public List<Suite> suitesFor(String protocol) {
        return suites.stream().filter(s -> s.protocols().contains(protocol)).collect(Collectors.toUnmodifiableList());
    }

    /** The protocol versions of this policy one suite can be used on. */
    public List<String> protocolsFor(Suite suite) {
        return protocols.stream().filter(suite.protocols()::contains).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        return policyName();
    }

    /**
     * One cipher suite of a back-end policy: its IANA name (which Java and BouncyCastle use), its OpenSSL name and
     * its code point.
     *
     * <p>Instances are immutable and thread-safe.
     */
    public static final class Suite {

        static final String TLSV1 = "TLSv1";
        static final String TLSV1_1 = "TLSv1.1";
        static final String TLSV1_2 = "TLSv1.2";
        static final String TLSV1_3 = "TLSv1.3";

        private static final List<String> ONLY_13 = List.of(TLSV1_3);
        private static final List<String> ONLY_12 = List.of(TLSV1_2);
        private static final List<String> UP_TO_12 = List.of(TLSV1, TLSV1_1, TLSV1_2);

        static final List<Suite> TLS13 = List.of(
                new Suite("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256", 0x1301, ONLY_13),
                new Suite("TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", 0x1302, ONLY_13),
                new Suite("TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256", 0x1303, ONLY_13));

        static final List<Suite> TLS12_AND_EARLIER = List.of(
                new Suite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256", 0xC02B, ONLY_12),
                new Suite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256", 0xC02F, ONLY_12),
                new Suite("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256", 0xC023, ONLY_12),
                new Suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256", 0xC027, ONLY_12),
                new Suite("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA", 0xC009, UP_TO_12),
                new Suite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA", 0xC013, UP_TO_12),
                new Suite("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384", 0xC02C, ONLY_12),
                new Suite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384", 0xC030, ONLY_12),
                new Suite("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "ECDHE-ECDSA-AES256-SHA384", 0xC024, ONLY_12),
                new Suite("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "ECDHE-RSA-AES256-SHA384", 0xC028, ONLY_12),
                new Suite("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA", 0xC014, UP_TO_12),
                new Suite("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA", 0xC00A, UP_TO_12),
                new Suite("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256", 0x009C, ONLY_12),
                new Suite("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256", 0x003C, ONLY_12),
                new Suite("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA", 0x002F, UP_TO_12),
                new Suite("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384", 0x009D, ONLY_12),
                new Suite("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256", 0x003D, ONLY_12),
                new Suite("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA", 0x0035, UP_TO_12));

        private final String ianaName;
        private final String opensslName;
        private final int code;
        private final List<String> protocols;

        private Suite(String ianaName, String opensslName, int code, List<String> protocols) {
            this.ianaName = ianaName;
            this.opensslName = opensslName;
            this.code = code;
            this.protocols = protocols;
        }

        /** The IANA name, which Java and BouncyCastle also use, e.g. {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}. */
        public String ianaName() {
            return ianaName;
        }

        /** The OpenSSL name, which AWS lists, e.g. {@code ECDHE-RSA-AES128-GCM-SHA256}. */
        public String opensslName() {
            return opensslName;
        }

        /** The two-byte code point, e.g. {@code 0xC02F}. */
        public int code() {
            return code;
        }

        /**
         * The protocol versions the suite can be used on, whatever the policy: {@code TLSv1.3} alone,
         * {@code TLSv1.2} alone, or {@code TLSv1} to {@code TLSv1.2}.
         */
        public List<String> protocols() {
            return protocols;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%s, 0x%04X)", ianaName, opensslName, code);
        }
    }
}
