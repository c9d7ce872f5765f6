package io.albtarget.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The key and certificate chain a TLS server is configured with, loaded the way servers load them and checked the
 * way they would fail.
 *
 * <p>Reads PKCS#12 and JKS key stores and PEM files: certificates, and private keys as PKCS#1
 * ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}), PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}) and encrypted legacy PEM ({@code Proc-Type: 4,ENCRYPTED}). A loaded instance is
 * known to be good in two ways: the private key belongs to the first certificate (a random challenge signed with
 * the key verifies with the certificate's public key), and the chain is in order (each certificate's issuer is the
 * next one's subject). Whether the ALB can use the key is in {@link #certificate()}.
 * <pre>{@code
 * KeyMaterial pem = KeyMaterial.loadPem(Path.of("cert.pem"), Path.of("key.pem"), null);
 * KeyMaterial p12 = KeyMaterial.load(Path.of("server.p12"), "changeit".toCharArray());
 * p12.certificate().keySupport();   // SUPPORTED for RSA 2048+ and EC P-256/P-384
 * }</pre>
 *
 * <p>Key stores are read with the JDK alone; PEM files need BouncyCastle ({@code bcpkix-jdk18on}), which is used
 * through a provider instance and never registered with {@link java.security.Security}. The private key is not
 * kept.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KeyMaterial {

    private final String format;
    private final @Nullable String alias;
    private final List<String> chainSubjects;
    private final CertificateFacts certificate;

    private KeyMaterial(String format, @Nullable String alias, List<X509Certificate> chain) {
        this.format = format;
        this.alias = alias;
        this.chainSubjects = chain.stream().map(c -> CertificateFacts.of(c).subject())
                .collect(Collectors.toUnmodifiableList());
        this.certificate = CertificateFacts.of(chain.get(0));
    }

    /**
     * Loads a PKCS#12 or JKS key store, or a PEM file holding both the key and the chain, and checks it.
     *
     * <p>The first key entry is used, as Tomcat and Jetty do without an alias; its key must open with the store's
     * password.
     *
     * @param keystore the file
     * @param password the store's and the key's password; may be null for a PEM file whose key is not encrypted
     * @throws KeyMaterialException naming the file and the problem: unreadable, wrong password, unsupported format,
     *     no key, key and certificate not a pair, chain out of order, or BouncyCastle missing for a PEM file
     */
    public static KeyMaterial load(Path keystore, char @Nullable [] password) {
        Objects.requireNonNull(keystore, "'keystore' must not be null");
        if (isPem(keystore)) {
            PemFiles.Contents contents = readPem(keystore, password);
            return checked(keystore, "PEM (" + contents.keyLabel + ")", null, requireKey(keystore, contents),
                    requireCertificates(keystore, contents.certificates), PemFiles.provider());
        }
        KeyStore store = open(keystore, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    List<X509Certificate> certificates = new ArrayList<>();
                    for (Certificate c : chain == null ? new Certificate[0] : chain) {
                        certificates.add((X509Certificate) c);
                    }
                    return checked(keystore, store.getType().toUpperCase(Locale.ROOT), alias, key,
                            requireCertificates(keystore, certificates), null);
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw KeyMaterialException.wrongPassword(keystore, e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyMaterialException(KeyMaterialException.Problem.UNSUPPORTED_FORMAT, keystore,
                    "the key entry cannot be read (" + e.getMessage() + ")", e);
        }
        throw new KeyMaterialException(KeyMaterialException.Problem.NO_KEY, keystore,
                "the key store holds no private key entry", null);
    }

    /**
     * Loads a PEM certificate chain and a PEM private key, as Tomcat's {@code certificateFile} and
     * {@code certificateKeyFile} or nginx-style configurations name them, and checks them.
     *
     * @param certificates the chain, leaf first; other blocks in the file are ignored
     * @param key the private key; other blocks in the file are ignored, the same path as {@code certificates} is
     *     fine
     * @param password the key's password, or null if it is not encrypted
     * @throws KeyMaterialException naming the file and the problem: unreadable, wrong password, unsupported format,
     *     no key, no certificate, key and certificate not a pair, chain out of order, or BouncyCastle missing
     */
    public static KeyMaterial loadPem(Path certificates, Path key, char @Nullable [] password) {
        Objects.requireNonNull(certificates, "'certificates' must not be null");
        Objects.requireNonNull(key, "'key' must not be null");
        PemFiles.Contents chain = readPem(certificates, null);
        PemFiles.Contents keyFile = key.equals(certificates) && password == null ? chain : readPem(key, password);
        return checked(key, "PEM (" + keyFile.keyLabel + ")", null, requireKey(key, keyFile),
                requireCertificates(certificates, chain.certificates), PemFiles.provider());
    }

    /** How the key was stored: {@code PKCS12}, {@code JKS}, or {@code PEM (<key label>)}. */
    public String format() {
        return format;
    }

    /** The key store alias of the key entry used; empty for PEM. */
    public Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    /** The subjects of the chain, leaf first, RFC 2253 form. */
    public List<String> chainSubjects() {
        return chainSubjects;
    }

    /** The leaf certificate: key type and size, whether the ALB can use the key, names and dates. */
    public CertificateFacts certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return format + (alias == null ? "" : " alias " + alias) + ": " + certificate + ", chain " + chainSubjects;
    }

    private static boolean isPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
            return head.contains("-----BEGIN ");
        } catch (IOException e) {
            throw KeyMaterialException.unreadableOrUnsupported(file, e);
        }
    }

    private static PemFiles.Contents readPem(Path file, char @Nullable [] password) {
        if (!BouncyCastle.available()) {
            throw new KeyMaterialException(KeyMaterialException.Problem.BOUNCY_CASTLE_MISSING, file,
                    "reading PEM needs BouncyCastle; " + BouncyCastle.MISSING, null);
        }
        return PemFiles.read(file, password);
    }

    private static KeyStore open(Path file, char @Nullable [] password) {
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw KeyMaterialException.wrongPassword(file, e.getCause());
            }
            throw KeyMaterialException.unreadableOrUnsupported(file, e);
        } catch (KeyStoreException e) {
            throw new KeyMaterialException(KeyMaterialException.Problem.UNSUPPORTED_FORMAT, file,
                    "neither PEM nor a PKCS#12 or JKS key store (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(KeyMaterialException.Problem.UNSUPPORTED_FORMAT, file,
                    "the key store cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey requireKey(Path file, PemFiles.Contents contents) {
        if (contents.key == null) {
            throw new KeyMaterialException(KeyMaterialException.Problem.NO_KEY, file, "no private key in the file",
                    null);
        }
        return contents.key;
    }

    private static List<X509Certificate> requireCertificates(Path file, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(KeyMaterialException.Problem.NO_CERTIFICATE, file,
                    "no certificate in the file", null);
        }
        return certificates;
    }

    /** Checks the pair and the order, the two mistakes that make a server fail at its first handshake. */
    private static KeyMaterial checked(Path file, String format, @Nullable String alias, PrivateKey key,
            List<X509Certificate> chain, @Nullable Provider provider) {
        if (!pair(file, key, chain.get(0).getPublicKey(), provider)) {
            for (int i = 1; i < chain.size(); i++) {
                if (pair(file, key, chain.get(i).getPublicKey(), provider)) {
                    throw new KeyMaterialException(KeyMaterialException.Problem.CHAIN_OUT_OF_ORDER, file,
                            "the private key belongs to certificate " + (i + 1) + " of the chain ("
                                    + CertificateFacts.of(chain.get(i)).subject() + "); the leaf must come first",
                            null);
                }
            }
            throw new KeyMaterialException(KeyMaterialException.Problem.KEY_MISMATCH, file,
                    "the private key (" + ("ECDSA".equals(key.getAlgorithm()) ? "EC" : key.getAlgorithm())
                            + ") does not belong to the certificate "
                            + CertificateFacts.of(chain.get(0)), null);
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal())) {
                throw new KeyMaterialException(KeyMaterialException.Problem.CHAIN_OUT_OF_ORDER, file,
                        "certificate " + (i + 2) + " of the chain (" + CertificateFacts.of(chain.get(i + 1)).subject()
                                + ") is not the issuer of certificate " + (i + 1) + " (issued by "
                                + CertificateFacts.of(chain.get(i)).issuer() + ")", null);
            }
        }
        return new KeyMaterial(format, alias, chain);
    }

    /** Whether a challenge signed with the private key verifies with the public key. */
    private static boolean pair(Path file, PrivateKey key, PublicKey publicKey, @Nullable Provider provider) {
        String algorithm = signatureAlgorithm(file, key);
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = signature(algorithm, provider);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = signature(algorithm, provider);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a public key of another algorithm is refused by initVerify: not a pair either
            return false;
        }
    }

    private static Signature signature(String algorithm, @Nullable Provider provider)
            throws GeneralSecurityException {
        Signature signature = provider == null ? Signature.getInstance(algorithm)
                : Signature.getInstance(algorithm, provider);
        if ("RSASSA-PSS".equals(algorithm)) {
            signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        return signature;
    }

    private static String signatureAlgorithm(Path file, PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return "SHA256withRSA";
            case "RSASSA-PSS":
                return "RSASSA-PSS";
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "DSA":
                return "SHA256withDSA";
            case "EdDSA":
            case "Ed25519":
            case "Ed448":
                return "EdDSA";
            default:
                throw new KeyMaterialException(KeyMaterialException.Problem.UNSUPPORTED_FORMAT, file,
                        "a " + key.getAlgorithm() + " private key is not a TLS server key", null);
        }
    }
}
