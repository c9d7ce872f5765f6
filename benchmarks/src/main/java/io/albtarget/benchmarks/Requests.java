package io.albtarget.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic request heads as an ALB forwards them to a target: 10 or 25 field lines, clean or with one defect.
 * The target is 10.0.3.17 and serves {@code api.example.com} on two ports: 8080 behind albtarget's byte guard (the
 * deployed configuration) and 8081 without one.
 */
public final class Requests {

    static final String LOCAL_ADDRESS = "10.0.3.17";
    static final int GUARDED_PORT = 8080;
    static final int UNGUARDED_PORT = 8081;
    static final String SERVED_NAME = "api.example.com";

    /** The first 25 field lines of a browser request that went through an ALB. */
    private static final String[][] FIELDS = {
        {"Host", SERVED_NAME},
        {"X-Forwarded-For", "203.0.113.9, 198.51.100.4"},
        {"X-Forwarded-Proto", "https"},
        {"X-Forwarded-Port", "443"},
        {"X-Amzn-Trace-Id", "Root=1-63441c4a-abcdef012345678912345678"},
        {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"},
        {"accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"},
        {"accept-encoding", "gzip, deflate, br, zstd"},
        {"accept-language", "en-GB,en;q=0.9,de;q=0.8"},
        {"cookie", "session=7f3c2a9e1b4d4e6f8a0b1c2d3e4f5a6b; theme=dark; consent=1"},
        {"cache-control", "no-cache"},
        {"pragma", "no-cache"},
        {"referer", "https://api.example.com/orders?page=2"},
        {"sec-ch-ua", "\"Chromium\";v=\"126\", \"Not.A/Brand\";v=\"24\""},
        {"sec-ch-ua-mobile", "?0"},
        {"sec-ch-ua-platform", "\"Linux\""},
        {"sec-fetch-dest", "document"},
        {"sec-fetch-mode", "navigate"},
        {"sec-fetch-site", "same-origin"},
        {"sec-fetch-user", "?1"},
        {"upgrade-insecure-requests", "1"},
        {"dnt", "1"},
        {"priority", "u=0, i"},
        {"authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},
        {"x-request-id", "0f8fad5b-d9cb-469f-a165-70867728950e"},
    };

    /** What one of the request's field lines is replaced with, or nothing for a clean request. */
    public enum Variant {
        CLEAN(null, null),
        /** The target's own address and port, as the ALB's health checker sends it. */
        ALB_HEALTH_CHECK_HOST("Host", LOCAL_ADDRESS + ":"),
        FOREIGN_HOST("Host", "evil.example.net"),
        NON_CANONICAL_HOST("Host", "010.0.3.17:8080"),
        EMPTY_NAME("", "value"),
        CONTROL_IN_VALUE("X-Test", "a\r\n b"),
        TRANSFER_ENCODING_GZIP("Transfer-Encoding", "gzip, chunked"),
        DIFFERING_CONTENT_LENGTHS("Content-Length", "5, 6");

        final String name;
        final String value;

        Variant(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    private Requests() {
    }

    /**
     * The request's field lines: the first {@code count} of a browser request, with the variant's line last (the
     * Host line stays first), as sent to a port.
     */
    static String[][] fields(int count, Variant variant, int port) {
        if (count < 1 || count > FIELDS.length) {
            throw new IllegalArgumentException("'count' must be between 1 and " + FIELDS.length + ", but was "
                    + count);
        }
        List<String[]> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fields.add(FIELDS[i].clone());
        }
        if (variant.name != null) {
            if (variant.name.equals("Host")) {
                fields.get(0)[1] = variant == Variant.ALB_HEALTH_CHECK_HOST ? variant.value + port : variant.value;
            } else {
                fields.set(count - 1, new String[] {variant.name, variant.value});
            }
        }
        return fields.toArray(new String[0][]);
    }

    static ArrayRequest view(int count, Variant variant, int port) {
        String[][] fields = fields(count, variant, port);
        String[] names = new String[fields.length];
        String[] values = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            names[i] = fields[i][0];
            values[i] = fields[i][1];
        }
        return new ArrayRequest(names, values, LOCAL_ADDRESS, port);
    }

    /** The request head on the wire, as a server reads it off the socket. */
    static byte[] head(int count) {
        StringBuilder head = new StringBuilder("GET /orders?page=3 HTTP/1.1\r\n");
        for (String[] field : fields(count, Variant.CLEAN, GUARDED_PORT)) {
            head.append(field[0]).append(": ").append(field[1]).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
