package io.albtarget.compat.doctor;

import io.albtarget.check.CheckTarget;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The key files the server loads, to be checked: one key store, or a certificate file and a key file. */
final class KeyFileOptions {

    @ArgGroup(exclusive = false)
    private @Nullable KeyStore keyStore;

    @ArgGroup(exclusive = false)
    private @Nullable Pem pem;

    /** The target with these files to check. */
    CheckTarget applyTo(CheckTarget target) {
        if (keyStore != null) {
            return target.keyStore(keyStore.file, keyStore.password);
        }
        Pem files = Objects.requireNonNull(pem, "picocli sets one of the two groups");
        return target.pemFiles(files.certificates, files.key, files.password);
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
