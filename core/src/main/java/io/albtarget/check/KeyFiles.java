package io.albtarget.check;

import io.albtarget.tls.KeyMaterial;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The key files a server is configured with: one key store, or a certificate file and a key file. */
final class KeyFiles {

    private final Path first;
    private final @Nullable Path key;
    private final char @Nullable [] password;

    private KeyFiles(Path first, @Nullable Path key, char @Nullable [] password) {
        this.first = first;
        this.key = key;
        this.password = password == null ? null : password.clone();
    }

    static KeyFiles keyStore(Path file, char @Nullable [] password) {
        return new KeyFiles(file, null, password);
    }

    static KeyFiles pem(Path certificates, Path key, char @Nullable [] password) {
        return new KeyFiles(certificates, key, password);
    }

    /**
     * @throws io.albtarget.tls.KeyMaterialException if the files do not load, or key and certificates do not fit
     */
    KeyMaterial load() {
        return key == null ? KeyMaterial.load(first, password) : KeyMaterial.loadPem(first, key, password);
    }
}
