package io.albtarget.check;

import io.albtarget.tls.KeyMaterial;
import io.albtarget.tls.KeyMaterialException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads the key files the server is configured with, as the server would: they parse, the key belongs to the
 * certificate, the chain is in order, and the ALB can use the key.
 */
final class KeyFilesCheck implements Check {

    static final String ID = "tls.key-files";

    @Override
    public List<Finding> run(Probing probing) {
        Optional<KeyFiles> files = probing.target().keyFiles();
        if (files.isEmpty()) {
            return List.of();
        }
        KeyMaterial material;
        try {
            material = files.get().load();
        } catch (KeyMaterialException e) {
            return List.of(Finding.fail(ID, Symptom.HTTP_502, e.getMessage()
                    + ": the server cannot serve TLS with these files").fix(fix(e.problem())));
        }
        return List.of(TlsCheck.keyFinding(ID, material.certificate(), String.format(Locale.ROOT,
                "%s: the key belongs to the certificate, chain of %d in order (%s); %s", material.format(),
                material.chainSubjects().size(), String.join(" <- ", material.chainSubjects()),
                material.certificate())));
    }

    private static String fix(KeyMaterialException.Problem problem) {
        switch (problem) {
            case WRONG_PASSWORD:
                return "give the password the server is configured with";
            case KEY_MISMATCH:
                return "pair the certificate with the private key it was issued for";
            case CHAIN_OUT_OF_ORDER:
                return "order the chain: the server's certificate first, then each issuer";
            case BOUNCY_CASTLE_MISSING:
                return "add org.bouncycastle:bcpkix-jdk18on:1.84 to the class path";
            default:
                return "give the key store or PEM files the server loads";
        }
    }
}
