package io.albtarget.servlet;

import static io.albtarget.servlet.GuardAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.albtarget.AlbSettings;
import io.albtarget.AlbSettings.DesyncMitigationMode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard reads Content-Length and Transfer-Encoding lists (commas, empty elements, whitespace, case) exactly as
 * each server frames the body, shown against the servers themselves: in {@code monitor} mode, where the guard
 * refuses a request only when it cannot follow its framing, every request it lets through is followed by a
 * pipelined one that the guard must still see as a request head (a Transfer-Encoding the ALB answers with 501): if
 * the guard had read the body differently from the server, the server would answer that request itself. The printed
 * table shows how each server frames each variant on its own.
 */
class FramingDifferentialIT {

    private static final TestServers.Shared NATIVE = new TestServers.Shared(TestServers::native_);
    private static final TestServers.Shared MONITOR = new TestServers.Shared(server -> server.withAlbtarget(
            AlbSettings.builder().desyncMitigationMode(DesyncMitigationMode.MONITOR).build()));
    private static final ServerTable TABLE = new ServerTable();

    private static final String CHUNKS = "3\r\nabc\r\n0\r\n\r\n";
    private static final String NEXT = "POST /next HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n"
            + "\r\n0\r\n\r\n";

    static final List<String> CODINGS = List.of("chunked", "Chunked", "CHUNKED", " chunked", "chunked ", "\tchunked\t",
            "chunked,", ", chunked", ",,chunked,,", "chunked , ", "chunked;q=1", "chunked ;x", "gzip, chunked",
            "chunked, gzip", "identity", "identity, chunked", "chunked, identity", "chunked, chunked", "xchunked",
            "chunkedx", "chunk ed", "", ",");
    static final List<String> LENGTHS = List.of("3", "03", "003", " 3", "3 ", "\t3\t", "+3", "-3", "3, 3", "", "3.0",
            "0x3", "3 3");

    /** The framing fields of a request, its body, and what a server must read of it. */
    record Variant(String name, String fields, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Variant> variants() {
        List<Variant> variants = new ArrayList<>();
        for (String coding : CODINGS) {
            variants.add(new Variant("TE [" + coding + "]", "Transfer-Encoding:" + coding + "\r\n", CHUNKS));
        }
        variants.add(new Variant("TE [chunked] twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                CHUNKS));
        variants.add(new Variant("TE [gzip] then [chunked]", "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                CHUNKS));
        variants.add(new Variant("TE [chunked] then []", "Transfer-Encoding: chunked\r\nTransfer-Encoding:\r\n",
                CHUNKS));
        for (String length : LENGTHS) {
            variants.add(new Variant("CL [" + length + "]", "Content-Length:" + length + "\r\n", "abc"));
        }
        variants.add(new Variant("CL [3] twice", "Content-Length: 3\r\nContent-Length: 3\r\n", "abc"));
        variants.add(new Variant("CL [3] and TE [chunked]", "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
                CHUNKS));
        return variants;
    }

    static Stream<Arguments> serversAndVariants() {
        return TestServers.each(variants());
    }

    @AfterAll
    static void stopAndPrint() {
        NATIVE.close();
        MONITOR.close();
        System.out.println(TABLE.render("native framing / with albtarget (monitor)", "framing fields",
                variants().stream().map(Variant::name).toList()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("serversAndVariants")
    @DisplayName("the guard follows a body only as the server reads it")
    void followsAsTheServerDoes(TestServers server, Variant variant) {
        String request = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + variant.fields() + "\r\n" + variant.body();
        String framing = nativeFraming(NATIVE.get(server).port(), request);
        try (RawHttp http = RawHttp.connect(MONITOR.get(server).port())) {
            RawHttp.Response first = http.send(request + NEXT).read();
            boolean followed = first.status() == 200;
            TABLE.put(server, variant.name(), framing + " / " + (followed ? "served" : "refused " + first.status()));
            if (!followed) {
                assertRefusal(first, first.status());
                return;
            }
            assertThat(framing).as("the server reads the body the guard followed").startsWith("body ");
            assertThat(first.header("X-Body-Length")).isEqualTo(framing.substring("body ".length()));
            // the request after the body is a head to the guard too: it answers the 501 in albtarget's words
            assertRefusal(http.read(), 501);
        }
    }

    /** How the server alone reads the request: the body length it saw, or how it refused. */
    private static String nativeFraming(int port, String request) {
        try (RawHttp http = RawHttp.connect(port)) {
            RawHttp.Response response = http.send(request).read();
            return response.status() == 200 ? "body " + response.header("X-Body-Length")
                    : "refused " + response.status();
        } catch (UncheckedIOException e) {
            return "no answer";
        }
    }
}
