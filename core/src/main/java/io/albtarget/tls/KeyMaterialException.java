package io.albtarget.tls;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A key store or PEM file that a TLS server could not use, with the file and what is wrong with it.
 *
 * <p>The message names the file and the problem in one line, e.g. {@code /etc/app/key.pem: the private key does
 * not belong to the certificate CN=app (RSA 2048 bits)}; {@link #problem()} gives the kind for programs.
 */
public final class KeyMaterialException extends RuntimeException {

    /** What is wrong with the file. */
    public enum Problem {
        /** The file cannot be read: missing, a directory, no permission. */
        UNREADABLE,
        /** The password is wrong, or missing for an encrypted key or a key store. */
        WRONG_PASSWORD,
        /** Neither PEM nor a PKCS#12 or JKS key store, or a PEM block or key type that is not supported. */
        UNSUPPORTED_FORMAT,
        /** The file holds no private key. */
        NO_KEY,
        /** The file holds no certificate. */
        NO_CERTIFICATE,
        /** The private key does not belong to the certificate. */
        KEY_MISMATCH,
        /** The chain is not leaf first, each certificate followed by its issuer. */
        CHAIN_OUT_OF_ORDER,
        /** Reading PEM needs BouncyCastle, which is not on the class path. */
        BOUNCY_CASTLE_MISSING
    }

    private final Problem problem;
    private final String file;

    KeyMaterialException(Problem problem, Path file, String what, @Nullable Throwable cause) {
        super(file + ": " + what, cause);
        this.problem = problem;
        this.file = file.toString();
    }

    static KeyMaterialException wrongPassword(Path file, Throwable cause) {
        return new KeyMaterialException(Problem.WRONG_PASSWORD, file, "the password is wrong (" + cause.getMessage()
                + ")", cause);
    }

    static char[] requirePassword(Path file, char @Nullable [] password) {
        if (password == null || password.length == 0) {
            throw new KeyMaterialException(Problem.WRONG_PASSWORD, file, "the key is encrypted and no password was"
                    + " given", null);
        }
        return password;
    }

    /** A failure to read: the file is not there or not readable, or its content is not understood. */
    static KeyMaterialException unreadableOrUnsupported(Path file, IOException e) {
        return e instanceof NoSuchFileException || e instanceof AccessDeniedException
                ? new KeyMaterialException(Problem.UNREADABLE, file, "cannot be read (" + e + ")", e)
                : new KeyMaterialException(Problem.UNSUPPORTED_FORMAT, file, "not a supported key or certificate"
                        + " file (" + e.getMessage() + ")", e);
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }

    /** The file, as it was given. */
    public String file() {
        return file;
    }
}
