package io.albtarget.tls;

/**
 * Whether BouncyCastle is on the class path: the gate in front of the only classes that use it.
 *
 * <p>BouncyCastle is an optional dependency of albtarget-core, so the public types of this package never name a
 * BouncyCastle type: they ask here first, and load {@link Handshaker} or {@link PemFiles} only on a yes. A missing
 * jar then gives a SKIP result or a clear exception instead of a {@link NoClassDefFoundError}.
 */
final class BouncyCastle {

    static final String MISSING = "BouncyCastle (org.bouncycastle:bctls-jdk18on:1.84 and bcpkix-jdk18on:1.84) is not"
            + " on the class path";

    /** One class of each jar the package needs: bctls, bcprov, bcpkix, bcutil. */
    private static final String[] PROBES = {
        "org.bouncycastle.tls.TlsClientProtocol",
        "org.bouncycastle.crypto.params.AsymmetricKeyParameter",
        "org.bouncycastle.openssl.PEMParser",
        "org.bouncycastle.asn1.cms.ContentInfo",
    };

    private static final boolean AVAILABLE = probe();

    private BouncyCastle() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    private static boolean probe() {
        try {
            for (String name : PROBES) {
                Class.forName(name, false, BouncyCastle.class.getClassLoader());
            }
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
