package io.albtarget.servlet.jetty;

import io.albtarget.AlbSettings;
import org.eclipse.jetty.server.ServerConnector;

/** Placeholder signature. */
public final class AlbJetty {
    private AlbJetty() {
    }

    public static void apply(ServerConnector connector, AlbSettings settings) {
        throw new UnsupportedOperationException();
    }
}
