package io.albtarget.compat.emulator;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a client's request into the one the ALB sends the target: HTTP/1.1, Host lower-cased, hop-by-hop headers
 * and {@code Expect} removed, {@code X-Forwarded-For} appended, {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Port} set, {@code X-Amzn-Trace-Id} added or extended.
 */
final class ForwardedHeaders {

    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "te", "trailer", "upgrade",
            "expect");

    private ForwardedHeaders() {
    }

    /**
     * @param clientIp the client's address, appended to {@code X-Forwarded-For}
     * @param listenerPort the port the client connected to
     */
    static void apply(HttpRequest request, String clientIp, int listenerPort, long epochSeconds) {
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        HttpHeaders headers = request.headers();
        String host = headers.get(HttpHeaderNames.HOST);
        // an HTTP/1.0 request may come without Host; the ALB then sends its own name
        // set by name, so that it goes out as "Host", not "host"
        headers.set("Host", host == null ? "127.0.0.1:" + listenerPort : host.toLowerCase(Locale.ROOT));
        removeHopByHop(headers);
        String forwardedFor = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp);
        headers.set("X-Forwarded-Proto", "http");
        headers.set("X-Forwarded-Port", Integer.toString(listenerPort));
        headers.set("X-Amzn-Trace-Id", TraceId.forward(headers.get("X-Amzn-Trace-Id"), epochSeconds));
    }

    /** Removes the headers that concern one connection only, and those the {@code Connection} header names. */
    static void removeHopByHop(HttpHeaders headers) {
        List<String> named = headers.getAll(HttpHeaderNames.CONNECTION).stream()
                .flatMap(value -> List.of(value.split(",")).stream()).map(name -> name.strip())
                .filter(name -> !name.isEmpty()).collect(Collectors.toList());
        named.forEach(headers::remove);
        HOP_BY_HOP.forEach(headers::remove);
        List<String> proxy = headers.names().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("proxy-")).collect(Collectors.toList());
        proxy.forEach(headers::remove);
    }
}
