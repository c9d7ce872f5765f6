package io.albtarget.servlet;

import static io.albtarget.servlet.GuardAssertions.assertRefusedAndClosed;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No request the guard accepts can switch it off: after a request of every body framing the guard follows, the next
 * request on the same connection is still judged, whether it came in the same write (pipelined) or after the first
 * response (kept alive), on every server.
 */
class GuardFramingIT {

    private static final TestServers.Shared SERVERS = new TestServers.Shared(
            server -> server.withAlbtarget(AlbSettings.defaults()));

    /** Body bytes that look like folds, empty names and a request head. */
    private static final String TRICKY = "a\r\n b\r\n\tc\r\n:d\r\nGET / HTTP/1.1\r\n X: y\r\n\r\n";

    /** A first request the guard accepts, in one of the framings it follows, and its body's length. */
    record First(String name, String request, int bodyLength) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A second request the guard must refuse, and its status. */
    record Second(String name, String request, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<First> FIRSTS = List.of(
            new First("no body", "GET /first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 0),
            new First("Content-Length body", post("Content-Length: " + TRICKY.length() + "\r\n") + TRICKY,
                    TRICKY.length()),
            new First("Content-Length: 0", post("Content-Length: 0\r\n"), 0),
            new First("chunked body", post("Transfer-Encoding: chunked\r\n")
                    + Integer.toHexString(TRICKY.length()) + "\r\n" + TRICKY + "\r\n3\r\n\r\n \r\n0\r\n\r\n",
                    TRICKY.length() + 3),
            new First("chunked body with extensions and a trailer", post("Transfer-Encoding: CHUNKED\r\n")
                    + "4;a=b ; c\r\n\r\n\t:\r\n0;last\r\nX-Trailer: 1\r\n\r\n", 4));

    static final List<Second> SECONDS = List.of(
            new Second("obs-fold", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: a\r\n b\r\n\r\n", 400),
            new Second("bare LF", "GET / HTTP/1.1\nHost: 127.0.0.1\r\n\r\n", 400),
            new Second("Content-Length and Transfer-Encoding",
                    post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") + "0\r\n\r\n", 400),
            new Second("Connection: Transfer-Encoding",
                    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Transfer-Encoding\r\n\r\n", 400),
            new Second("Transfer_Encoding", post("Transfer_Encoding: chunked\r\n"), 400),
            new Second("chunked and an empty element", post("Transfer-Encoding: chunked,\r\n") + "0\r\n\r\n", 400),
            new Second("gzip, chunked", post("Transfer-Encoding: gzip, chunked\r\n") + "0\r\n\r\n", 501));

    private static String post(String fields) {
        return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + "\r\n";
    }

    static Stream<Arguments> combinations() {
        List<Arguments> arguments = new ArrayList<>();
        for (TestServers server : TestServers.selected().toList()) {
            for (First first : FIRSTS) {
                for (Second second : SECONDS) {
                    arguments.add(Arguments.of(server, first, second));
                }
            }
        }
        return arguments.stream();
    }

    @AfterAll
    static void stop() {
        SERVERS.close();
    }

    @ParameterizedTest(name = "{0}: {1}, then {2}")
    @MethodSource("combinations")
    @DisplayName("pipelined: the first is answered, the second refused")
    void pipelined(TestServers server, First first, Second second) {
        try (RawHttp http = RawHttp.connect(SERVERS.get(server).port())) {
            http.send(first.request() + second.request());
            assertServed(http.read(), first);
            assertRefusedAndClosed(http, second.status());
        }
    }

    @ParameterizedTest(name = "{0}: {1}, then {2}")
    @MethodSource("combinations")
    @DisplayName("kept alive: the first is answered, the second refused")
    void keptAlive(TestServers server, First first, Second second) {
        try (RawHttp http = RawHttp.connect(SERVERS.get(server).port())) {
            assertServed(http.send(first.request()).read(), first);
            http.send(second.request());
            assertRefusedAndClosed(http, second.status());
        }
    }

    private static void assertServed(RawHttp.Response response, First first) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Connection")).as("kept alive").isNotEqualToIgnoringCase("close");
        assertThat(response.header("X-Body-Length")).isEqualTo(Integer.toString(first.bodyLength()));
    }
}
