package io.albtarget.servlet.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Answers 200 with the X-Test value it received, so a test sees what Undertow's own parser made of the bytes. */
final class EchoHandler implements HttpHandler {

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("X-Test");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseSender().send("x-test=" + (value == null ? "" : value) + "\n");
    }
}
