package io.albtarget.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.servlet.RawHttp;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What stock Netty 4.2 (its default decoder settings, no albtarget) does with requests the ALB's rules refuse, and
 * what it does with albtarget, each pinned here so that the table in SERVERS.md cannot drift from it.
 */
class StockNettyIT {

    private static final NettyTestServer STOCK = NettyTestServer.stock();
    private static final NettyTestServer GUARDED = NettyTestServer.guarded(AlbNetty.of(AlbSettings.defaults()));

    /** A request, what stock Netty answers (with what the application saw, if anything), and albtarget's status. */
    record Native(String name, String request, String stock, int withAlbtarget) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String HOST = "Host: 127.0.0.1\r\n";

    static List<Native> cases() {
        return List.of(
                new Native("obs-fold", "GET / HTTP/1.1\r\n" + HOST + "X-Test: a\r\n b\r\n\r\n", "200, unfolded: x-test=a b", 400),
                new Native("two Host lines", "GET / HTTP/1.1\r\n" + HOST + HOST + "\r\n", "200, two Host lines", 400),
                new Native("no Host line", "GET / HTTP/1.1\r\n\r\n", "200, no Host", 400),
                new Native("Transfer-Encoding gzip, chunked", post("Transfer-Encoding: gzip, chunked\r\n"),
                        "200, the body read as chunked: hello", 501),
                new Native("Transfer-Encoding chunked,", post("Transfer-Encoding: chunked,\r\n"),
                        "200, the body read as chunked: hello", 400),
                new Native("both Content-Length and Transfer-Encoding",
                        post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"), "400", 400),
                new Native("bare LF line ends", "GET / HTTP/1.1\n" + HOST + "\n", "400", 400));
    }

    private static String post(String framing) {
        return "POST / HTTP/1.1\r\n" + HOST + framing + "\r\n5\r\nhello\r\n0\r\n\r\n";
    }

    @AfterAll
    static void stop() {
        STOCK.close();
        GUARDED.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stockNettyAndNettyWithAlbtarget(Native c) {
        String stock = observe(STOCK.port(), c.request());
        int guarded = status(GUARDED.port(), c.request());
        System.out.println("| " + c.name() + " | " + stock + " | " + guarded + " |");
        assertThat(stock).isEqualTo(c.stock());
        assertThat(guarded).isEqualTo(c.withAlbtarget());
    }

    /** The status, and for a 200 what the application saw that differs from what was sent. */
    private static String observe(int port, String request) {
        RawHttp.Response response;
        try (RawHttp http = RawHttp.connect(port)) {
            response = http.send(request).read();
        } catch (UncheckedIOException e) {
            return "no answer";
        }
        if (response.status() != 200) {
            return Integer.toString(response.status());
        }
        List<String> seen = response.body().lines().toList();
        long hosts = seen.stream().filter(line -> line.startsWith("host=")).count();
        if (seen.contains("x-test=a b")) {
            return "200, unfolded: x-test=a b";
        }
        if (hosts != 1) {
            return hosts == 0 ? "200, no Host" : "200, two Host lines";
        }
        return seen.contains("body=hello") ? "200, the body read as chunked: hello" : "200, " + seen;
    }

    private static int status(int port, String request) {
        try (RawHttp http = RawHttp.connect(port)) {
            return http.send(request).read().status();
        }
    }
}
