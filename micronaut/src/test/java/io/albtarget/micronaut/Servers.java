package io.albtarget.micronaut;

import io.albtarget.servlet.RawHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/** Micronaut servers on a random port of 127.0.0.1 for the tests. */
final class Servers {

    /** The ALB's health check as its health checker sends it, with the Host form of an IP-address target. */
    static final String HEALTH_CHECK = RawHttp.albHealthCheck("127.0.0.1");

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
