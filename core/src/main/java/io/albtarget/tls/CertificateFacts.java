package io.albtarget.tls;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.jspecify.annotations.Nullable;

/**
 * What a certificate tells about a target behind the ALB: its key, which decides whether any suite of the
 * policies can use it, and its names and dates, which are information only.
 *
 * <p>The ALB validates no target certificate: self-signed, expired or mismatched names all work. What can fail is
 * the key: the policies have RSA and ECDSA suites only, and the ALB does not support Ed25519 keys.
 * {@link #keySupport()} sorts keys accordingly: RSA of 2048 bits or more and EC on P-256 or P-384 are
 * {@link KeySupport#SUPPORTED}; RSA below 2048 bits, RSASSA-PSS and P-521 are {@link KeySupport#DOUBTFUL} (AWS
 * documents nothing either way for targets); Ed25519, Ed448, DSA and other curves are
 * {@link KeySupport#UNSUPPORTED}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CertificateFacts {

    /** Whether the ALB can use a certificate's key. */
    public enum KeySupport {
        /** Works with both back-end policies. */
        SUPPORTED,
        /** May work; AWS does not document it and current TLS clients increasingly refuse it. */
        DOUBTFUL,
        /** Cannot work: no suite of either policy uses such a key. */
        UNSUPPORTED
    }

    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String EC = "1.2.840.10045.2.1";
    private static final String DSA = "1.2.840.10040.4.1";
    private static final Map<String, String> EDWARDS = Map.of("1.3.101.112", "Ed25519", "1.3.101.113", "Ed448");
    private static final Map<String, String> CURVES = Map.of(
            "1.2.840.10045.3.1.7", "P-256",
            "1.3.132.0.34", "P-384",
            "1.3.132.0.35", "P-521",
            "1.3.132.0.10", "secp256k1");

    private final String subject;
    private final String issuer;
    private final Instant notBefore;
    private final Instant notAfter;
    private final String keyAlgorithm;
    private final int keyBits;
    private final @Nullable String curve;
    private final KeySupport keySupport;
    private final String keyNote;

    private CertificateFacts(X509Certificate certificate, String keyAlgorithm, int keyBits, @Nullable String curve,
            KeySupport keySupport, String keyNote) {
        this.subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        this.issuer = certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
        this.notBefore = certificate.getNotBefore().toInstant();
        this.notAfter = certificate.getNotAfter().toInstant();
        this.keyAlgorithm = keyAlgorithm;
        this.keyBits = keyBits;
        this.curve = curve;
        this.keySupport = keySupport;
        this.keyNote = keyNote;
    }

    /** The facts of a certificate, from any provider's implementation. */
    static CertificateFacts of(X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        String[] oids = SubjectPublicKeyInfo.algorithm(key.getEncoded());
        String algorithm = oids[0];
        if (key instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) key).getModulus().bitLength();
            boolean pss = RSASSA_PSS.equals(algorithm);
            String name = pss ? "RSASSA-PSS" : "RSA";
            if (pss) {
                return new CertificateFacts(certificate, name, bits, null, KeySupport.DOUBTFUL, "an RSASSA-PSS key can"
                        + " sign only with rsa_pss_pss algorithms, which the ALB is not documented to offer;"
                        + " use a plain RSA key");
            }
            return bits >= 2048
                    ? new CertificateFacts(certificate, name, bits, null, KeySupport.SUPPORTED,
                            "RSA " + bits + " bits works with both back-end policies")
                    : new CertificateFacts(certificate, name, bits, null, KeySupport.DOUBTFUL, "RSA " + bits
                            + " bits is below 2048, which current TLS clients refuse and AWS does not document for"
                            + " targets; use RSA 2048 or EC P-256");
        }
        if (key instanceof ECPublicKey) {
            int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            String curve = oids[1] == null ? null : CURVES.getOrDefault(oids[1], oids[1]);
            String shown = curve == null ? "an unnamed curve" : curve;
            if ("P-256".equals(curve) || "P-384".equals(curve)) {
                return new CertificateFacts(certificate, "EC", bits, curve, KeySupport.SUPPORTED,
                        "EC " + curve + " works with both back-end policies");
            }
            return "P-521".equals(curve)
                    ? new CertificateFacts(certificate, "EC", bits, curve, KeySupport.DOUBTFUL, "EC P-521 is not"
                            + " documented to work: the ALB supports P-256 and P-384 certificates; use one of those")
                    : new CertificateFacts(certificate, "EC", bits, curve, KeySupport.UNSUPPORTED, "EC on " + shown
                            + " cannot work: the ALB's ECDSA suites use P-256 and P-384; use one of those");
        }
        if (key instanceof DSAPublicKey || DSA.equals(algorithm)) {
            int bits = key instanceof DSAPublicKey ? ((DSAPublicKey) key).getParams().getP().bitLength() : 0;
            return new CertificateFacts(certificate, "DSA", bits, null, KeySupport.UNSUPPORTED,
                    "DSA cannot work: neither back-end policy has a DSS cipher suite; use RSA 2048 or EC P-256");
        }
        String edwards = EDWARDS.get(algorithm);
        if (edwards != null) {
            return new CertificateFacts(certificate, edwards, "Ed25519".equals(edwards) ? 256 : 456, null,
                    KeySupport.UNSUPPORTED, edwards + " cannot work: the ALB does not support EdDSA keys; use RSA"
                            + " 2048 or EC P-256");
        }
        String name = EC.equals(algorithm) || RSA.equals(algorithm) ? key.getAlgorithm() : algorithm;
        return new CertificateFacts(certificate, name, 0, null, KeySupport.UNSUPPORTED,
                "a " + name + " key cannot work: the back-end policies have RSA and ECDSA suites only");
    }

    /** The subject, RFC 2253 form, e.g. {@code CN=localhost}. */
    public String subject() {
        return subject;
    }

    /** The issuer, RFC 2253 form; equal to the subject for a self-signed certificate, which the ALB accepts. */
    public String issuer() {
        return issuer;
    }

    /** Start of validity; information only, the ALB does not check it. */
    public Instant notBefore() {
        return notBefore;
    }

    /** End of validity; information only, the ALB accepts expired target certificates. */
    public Instant notAfter() {
        return notAfter;
    }

    /** The key type: {@code RSA}, {@code EC}, {@code Ed25519}, {@code Ed448}, {@code DSA}, {@code RSASSA-PSS}. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The key size in bits: the modulus for RSA, the field for EC; 0 if unknown. */
    public int keyBits() {
        return keyBits;
    }

    /** The curve of an EC key, e.g. {@code P-256}, or its OID when it has no common name; empty for other keys. */
    public Optional<String> curve() {
        return Optional.ofNullable(curve);
    }

    /** Whether the ALB can use the key. */
    public KeySupport keySupport() {
        return keySupport;
    }

    /** One line on the key and, unless supported, what to use instead. */
    public String keyNote() {
        return keyNote;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, %s %s, issued by %s, valid %s to %s", subject,
                curve == null ? keyAlgorithm : keyAlgorithm + " " + curve, keyBits + " bits", issuer, notBefore,
                notAfter);
    }

    /** Reads the algorithm OIDs of a DER SubjectPublicKeyInfo, without a provider that knows the algorithm. */
    private static final class SubjectPublicKeyInfo {

        private SubjectPublicKeyInfo() {
        }

        /**
         * The algorithm OID and, when the parameters are an OID (an EC named curve), that OID.
         *
         * @return two elements, the second null when the parameters are not an OID
         */
        static @Nullable String[] algorithm(byte[] der) {
            // SEQUENCE { SEQUENCE { OID algorithm, parameters }, BIT STRING }
            int[] at = {0};
            enter(der, at, 0x30);
            enter(der, at, 0x30);
            String algorithm = oid(der, at);
            String parameters = at[0] < der.length && der[at[0]] == 0x06 ? oid(der, at) : null;
            return new String[] {algorithm, parameters};
        }

        private static int enter(byte[] der, int[] at, int tag) {
            if (at[0] >= der.length || der[at[0]] != tag) {
                throw new IllegalArgumentException("not a SubjectPublicKeyInfo");
            }
            at[0]++;
            int length = der[at[0]++] & 0xff;
            if (length > 0x80) {
                int count = length & 0x7f;
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[at[0]++] & 0xff);
                }
            }
            return length;
        }

        private static String oid(byte[] der, int[] at) {
            int length = enter(der, at, 0x06);
            StringBuilder text = new StringBuilder();
            long value = 0;
            for (int i = 0; i < length; i++) {
                int b = der[at[0]++] & 0xff;
                value = (value << 7) | (b & 0x7f);
                if ((b & 0x80) == 0) {
                    if (text.length() == 0) {
                        int first = (int) Math.min(value / 40, 2);
                        text.append(first).append('.').append(value - 40L * first);
                    } else {
                        text.append('.').append(value);
                    }
                    value = 0;
                }
            }
            return text.toString();
        }
    }
}
