package io.albtarget.servlet.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Answers 200 with the X-Test value it received, escaped, and the length of the request body it read, so a test
 * sees what Undertow's parser made of the bytes.
 */
final class EchoHandler implements HttpHandler {

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.getRequestReceiver().receiveFullBytes((done, body) -> {
            String value = done.getRequestHeaders().getFirst("X-Test");
            done.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
            done.getResponseSender().send("x-test=" + (value == null ? "" : escape(value)) + "\nlength="
                    + body.length + "\n");
        });
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\x%02x", c)));
        return out.toString();
    }
}
