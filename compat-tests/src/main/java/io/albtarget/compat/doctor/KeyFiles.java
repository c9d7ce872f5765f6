package io.albtarget.compat.doctor;

import io.albtarget.check.Finding;
import io.albtarget.tls.CertificateFacts;
import io.albtarget.tls.KeyMaterial;
import io.albtarget.tls.KeyMaterialException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The key files the server is configured with: one key store, or a certificate file and a key file. */
final class KeyFiles {

    static final String ID = "tls.key-files";

    @ArgGroup(exclusive = false)
    private @Nullable KeyStore keyStore;

    @ArgGroup(exclusive = false)
    private @Nullable Pem pem;

    /** The files' finding: they load, the key belongs to the certificate, the chain is in order, the key works. */
    Finding check() {
        KeyMaterial material;
        try {
            material = keyStore != null ? KeyMaterial.load(keyStore.file, keyStore.password)
                    : KeyMaterial.loadPem(pem().certificates, pem().key, pem().password);
        } catch (KeyMaterialException e) {
            return Finding.fail(ID, "HTTP 502", e.getMessage() + ": the server cannot serve TLS with these files")
                    .fix(fix(e.problem()));
        }
        CertificateFacts certificate = material.certificate();
        String seen = String.format("%s: the key belongs to the certificate, chain of %d in order (%s); %s",
                material.format(), material.chainSubjects().size(), String.join(" <- ", material.chainSubjects()),
                certificate);
        return switch (certificate.keySupport()) {
            case SUPPORTED -> Finding.pass(ID, seen);
            case DOUBTFUL -> Finding.warn(ID, "HTTP 502", seen + "; " + certificate.keyNote());
            default -> Finding.fail(ID, "HTTP 502", seen + "; " + certificate.keyNote())
                    .fix("use an RSA (2048 bits or more) or EC P-256/P-384 key");
        };
    }

    private Pem pem() {
        return java.util.Objects.requireNonNull(pem, "picocli sets one of the two groups");
    }

    private static String fix(KeyMaterialException.Problem problem) {
        return switch (problem) {
            case WRONG_PASSWORD -> "give the password the server is configured with";
            case KEY_MISMATCH -> "pair the certificate with the private key it was issued for";
            case CHAIN_OUT_OF_ORDER -> "order the chain: server certificate first, then each issuer";
            case BOUNCY_CASTLE_MISSING -> "add org.bouncycastle:bcpkix-jdk18on:1.84 to the class path";
            default -> "give the key store or PEM files the server loads";
        };
    }

    /** {@code --keystore FILE [--keystore-password P]}. */
    static final class KeyStore {
        @Option(names = "--keystore", paramLabel = "FILE", required = true,
                description = "the server's PKCS#12 or JKS key store, or one PEM file with key and chain, to check")
        private Path file = Path.of("");

        @Option(names = "--keystore-password", paramLabel = "P", interactive = true, arity = "0..1",
                description = "its password (asked for when given without a value)")
        private char @Nullable [] password;
    }

    /** {@code --cert FILE --key FILE [--key-password P]}. */
    static final class Pem {
        @Option(names = "--cert", paramLabel = "FILE", required = true,
                description = "the server's PEM certificate chain, to check with --key")
        private Path certificates = Path.of("");

        @Option(names = "--key", paramLabel = "FILE", required = true,
                description = "the server's PEM private key (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8)")
        private Path key = Path.of("");

        @Option(names = "--key-password", paramLabel = "P", interactive = true, arity = "0..1",
                description = "the key's password, if encrypted (asked for when given without a value)")
        private char @Nullable [] password;
    }
}
