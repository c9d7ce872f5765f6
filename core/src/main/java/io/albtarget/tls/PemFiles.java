package io.albtarget.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.jspecify.annotations.Nullable;

/**
 * Reads PEM files with bcpkix: certificates, and private keys in every form servers are configured with.
 *
 * <p>The BouncyCastle provider is handed to each converter and decryptor, never registered with
 * {@link java.security.Security}, so the host JVM's providers stay as they were. Loaded only after
 * {@link BouncyCastle#available()} said yes.
 */
final class PemFiles {

    /** Made once: constructing the provider registers some thousand algorithms. */
    private static final Provider PROVIDER = new BouncyCastleProvider();

    private PemFiles() {
    }

    /** What one PEM file holds. */
    static final class Contents {

        final List<X509Certificate> certificates;
        final @Nullable PrivateKey key;
        /** The key's PEM label, e.g. {@code EC PRIVATE KEY}; empty without a key. */
        final String keyLabel;

        private Contents(List<X509Certificate> certificates, @Nullable PrivateKey key, String keyLabel) {
            this.certificates = List.copyOf(certificates);
            this.key = key;
            this.keyLabel = keyLabel;
        }
    }

    /** The provider that made the keys and certificates, to sign and verify with them. */
    static Provider provider() {
        return PROVIDER;
    }

    /**
     * Reads every block of a PEM file.
     *
     * @throws KeyMaterialException if the file is unreadable, holds a block of an unsupported kind, or holds an
     *     encrypted key whose password is wrong or missing
     */
    static Contents read(Path file, char @Nullable [] password) {
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key = null;
        String label = "";
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter().setProvider(PROVIDER);
        JcaX509CertificateConverter certs = new JcaX509CertificateConverter().setProvider(PROVIDER);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (block instanceof X509CertificateHolder) {
                    certificates.add(certs.getCertificate((X509CertificateHolder) block));
                } else if (key == null && block instanceof PEMKeyPair) {
                    key = keys.getPrivateKey(((PEMKeyPair) block).getPrivateKeyInfo());
                    label = key.getAlgorithm().startsWith("EC") ? "EC PRIVATE KEY"
                            : key.getAlgorithm() + " PRIVATE KEY";
                } else if (key == null && block instanceof PrivateKeyInfo) {
                    key = keys.getPrivateKey((PrivateKeyInfo) block);
                    label = "PRIVATE KEY";
                } else if (key == null && block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    key = keys.getPrivateKey(decrypt(file, (PKCS8EncryptedPrivateKeyInfo) block, password));
                    label = "ENCRYPTED PRIVATE KEY";
                } else if (key == null && block instanceof PEMEncryptedKeyPair) {
                    key = keys.getPrivateKey(decrypt(file, (PEMEncryptedKeyPair) block, password));
                    label = key.getAlgorithm().startsWith("EC") ? "encrypted EC PRIVATE KEY"
                            : "encrypted " + key.getAlgorithm() + " PRIVATE KEY";
                }
                // anything else (EC PARAMETERS before an openssl key, a second key) does not change what a server loads
            }
        } catch (KeyMaterialException e) {
            throw e;
        } catch (IOException e) {
            throw KeyMaterialException.unreadableOrUnsupported(file, e);
        } catch (CertificateException e) {
            throw new KeyMaterialException(KeyMaterialException.Problem.UNSUPPORTED_FORMAT, file,
                    "a certificate block cannot be parsed: " + e.getMessage(), e);
        }
        if (certificates.isEmpty() && key == null) {
            throw new KeyMaterialException(KeyMaterialException.Problem.UNSUPPORTED_FORMAT, file,
                    "no PEM certificate or private key in the file", null);
        }
        return new Contents(certificates, key, label);
    }

    private static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo encrypted,
            char @Nullable [] password) {
        char[] given = KeyMaterialException.requirePassword(file, password);
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(PROVIDER)
                    .build(given));
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            // a wrong password can also decrypt to bytes with valid padding, which then fail to parse
            throw KeyMaterialException.wrongPassword(file, e);
        }
    }

    private static PrivateKeyInfo decrypt(Path file, PEMEncryptedKeyPair encrypted, char @Nullable [] password) {
        char[] given = KeyMaterialException.requirePassword(file, password);
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(PROVIDER).build(given))
                    .getPrivateKeyInfo();
        } catch (IOException e) {
            throw KeyMaterialException.wrongPassword(file, e);
        }
    }
}
