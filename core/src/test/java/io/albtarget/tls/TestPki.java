package io.albtarget.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, certificates, key files and server TLS contexts for tests, made on the spot. */
final class TestPki {

    static final char[] PASSWORD = "changeit".toCharArray();

    /** Passed to the PEM writers and encryptors, never registered. */
    static final Provider BC = new BouncyCastleProvider();

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestPki() {
    }

    /** A key and its chain, leaf first. */
    static final class Identity {
        final KeyPair keys;
        final X509Certificate[] chain;

        Identity(KeyPair keys, X509Certificate... chain) {
            this.keys = keys;
            this.chain = chain.clone();
        }

        /** A server-side JSSE context (SunJSSE) presenting this identity. */
        SSLContext serverContext() {
            return TestPki.serverContext(keyManagers(this));
        }
    }

    static KeyPair rsa(int bits) {
        return generate("RSA", bits, null);
    }

    static KeyPair ec(String curve) {
        return generate("EC", 0, curve);
    }

    static KeyPair generate(String algorithm, int bits, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed server certificate for CN=localhost, as {@code keytool -genkeypair} makes. */
    static Identity selfSigned(KeyPair keys) {
        return new Identity(keys, certificate("CN=localhost", keys, "CN=localhost", keys.getPrivate(), false));
    }

    /** A leaf for CN=localhost issued by a CA, with the chain leaf then CA. */
    static Identity issued(KeyPair keys, String caName) {
        KeyPair caKeys = rsa(2048);
        X509Certificate ca = certificate(caName, caKeys, caName, caKeys.getPrivate(), true);
        return new Identity(keys, certificate("CN=localhost", keys, caName, caKeys.getPrivate(), false), ca);
    }

    static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
            boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!ca) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            case "DSA":
                return "SHA256withDSA";
            case "EdDSA":
                return "Ed25519";
            default:
                return key.getAlgorithm();
        }
    }

    static KeyManager[] keyManagers(Identity identity) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", identity.keys.getPrivate(), PASSWORD, identity.chain);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SSLContext serverContext(KeyManager[] keyManagers) {
        try {
            SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
            context.init(keyManagers, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a key store of this type ({@code PKCS12} or {@code JKS}) holding the identity. */
    static Path keyStore(Path file, String type, Identity identity, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            store.setKeyEntry("server", identity.keys.getPrivate(), password, identity.chain);
            store.store(out, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes each object as PEM: certificates, keys as their traditional form (PKCS#1, SEC1), or PEM generators. */
    static Path pem(Path file, Object... objects) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            for (Object object : objects) {
                pem.writeObject(object);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PKCS#8 {@code PRIVATE KEY} block. */
    static JcaPKCS8Generator pkcs8(PrivateKey key) {
        try {
            return new JcaPKCS8Generator(key, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An {@code ENCRYPTED PRIVATE KEY} block: PKCS#8 under PBES2 with AES-256-CBC. */
    static JcaPKCS8Generator encryptedPkcs8(PrivateKey key, char[] password) {
        try {
            return new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(BC).setPassword(password).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A legacy encrypted PEM key ({@code Proc-Type: 4,ENCRYPTED}), as {@code openssl rsa -aes128} writes. */
    static Path legacyEncrypted(Path file, PrivateKey key, char[] password) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build(password));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The key re-encoded by BouncyCastle, so that a SEC1 {@code EC PRIVATE KEY} written from it names its curve;
     * written straight from a SunEC key it has no curve OID and cannot be read back.
     */
    static PrivateKey sec1Ready(PrivateKey ecKey) {
        try {
            return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(ecKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
