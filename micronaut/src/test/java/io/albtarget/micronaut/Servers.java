package io.albtarget.micronaut;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/** Micronaut servers on a random port of 127.0.0.1 for the tests. */
final class Servers {

    /** The ALB's health check as its health checker sends it, with the Host form of an IP-address target. */
    static final String HEALTH_CHECK = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + "User-Agent: ELB-HealthChecker/2.0\r\nAccept-Encoding: gzip, compressed\r\n\r\n";

    private Servers() {
    }

    /** A running server with these properties besides a random port, no self-check and no drain wait. */
    static EmbeddedServer start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("micronaut.server.port", -1);
        all.put("micronaut.server.host", "127.0.0.1");
        all.put("alb.self-check", "off");
        all.put("alb.drain.wait", "0s");
        all.putAll(properties);
        return ApplicationContext.run(EmbeddedServer.class, all);
    }
}
