package io.albtarget.servlet;

import java.util.List;

/**
 * Requests as raw bytes, each with the status a target behind an ALB must answer. {@code %PORT%} stands for the
 * server's port; every request is sent to 127.0.0.1.
 */
record WireCase(String name, String request, int expected) {

    private static final String ALB_HEALTH_CHECK = "GET / HTTP/1.1\r\nHost: %HOST%\r\nConnection: close\r\n"
            + "User-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n\r\n";

    static final List<WireCase> ALL = List.of(
            new WireCase("ALB health check, Host ip:port", host("127.0.0.1:%PORT%"), 200),
            new WireCase("ALB health check, Host ip", host("127.0.0.1"), 200),
            new WireCase("Host name with port", host("localhost:%PORT%"), 200),
            new WireCase("Host ip:port:port", host("127.0.0.1:%PORT%:%PORT%"), 400),
            new WireCase("Host with userinfo", host("a@127.0.0.1:%PORT%"), 400),
            new WireCase("Host with a path", host("127.0.0.1:%PORT%/x"), 400),
            new WireCase("Host IPv4 with leading zero", host("127.0.0.01:%PORT%"), 400),
            new WireCase("Host IPv4 with three parts", host("127.0.1:%PORT%"), 400),
            new WireCase("Host IPv4 as an integer", host("2130706433:%PORT%"), 400),
            new WireCase("Host IPv4 in hex", host("0x7f.0.0.1:%PORT%"), 400),
            new WireCase("Host IPv6 with zone id", host("[fe80::1%25eth0]:%PORT%"), 400),
            new WireCase("Host IPv4 as one hex number", host("0x7f000001:%PORT%"), 400),
            new WireCase("Host IPv4 with a hex last part", host("127.0.0.0x1:%PORT%"), 400),
            new WireCase("Host IPv6 loopback not canonical", host("[0:0:0:0:0:0:0:1]:%PORT%"), 400),
            new WireCase("Host IPv6 with leading zeros", host("[::0001]:%PORT%"), 400),
            new WireCase("Host IPv4-mapped IPv6", host("[::ffff:127.0.0.1]:%PORT%"), 400),
            new WireCase("absolute-form target with userinfo", "GET http://user@127.0.0.1/ HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n", 400),
            new WireCase("Host port over 65535", host("127.0.0.1:65536"), 400),
            new WireCase("Host empty port", host("127.0.0.1:"), 400),
            new WireCase("Host local ip, other port", host("127.0.0.1:1"), 400),
            new WireCase("Host foreign ip", host("203.0.113.9"), 400),
            new WireCase("Host missing", "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 400),
            new WireCase("Host twice", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n", 400),
            new WireCase("obs-fold with SP", get("X-Test: a\r\n b\r\n"), 400),
            new WireCase("obs-fold with HTAB", get("X-Test: a\r\n\tb\r\n"), 400),
            new WireCase("empty header name", get(": value\r\n"), 400),
            new WireCase("whitespace before colon", get("X-Test : v\r\n"), 400),
            new WireCase("NUL in a value", get("X-Test: a\u0000b\r\n"), 400),
            new WireCase("Content-Length and Transfer-Encoding",
                    post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400),
            new WireCase("two different Content-Length",
                    post("Content-Length: 5\r\nContent-Length: 6\r\n", "hello"), 400),
            new WireCase("Content-Length not a number", post("Content-Length: abc\r\n", ""), 400),
            new WireCase("Transfer-Encoding gzip, chunked",
                    post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), 501),
            new WireCase("Transfer-Encoding chunked, chunked",
                    post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"), 400));

    private static String host(String host) {
        return ALB_HEALTH_CHECK.replace("%HOST%", host);
    }

    private static String get(String headers) {
        return "GET / HTTP/1.1\r\nHost: 127.0.0.1:%PORT%\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private static String post(String headers, String body) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1:%PORT%\r\n" + headers + "Connection: close\r\n\r\n" + body;
    }

    String bytes(int port) {
        return request.replace("%PORT%", Integer.toString(port));
    }

    @Override
    public String toString() {
        return name;
    }
}
