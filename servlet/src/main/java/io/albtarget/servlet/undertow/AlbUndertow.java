package io.albtarget.servlet.undertow;

import io.albtarget.AlbSettings;
import io.undertow.server.HttpHandler;

/** Placeholder signature; replaced by the Undertow guard work. */
public final class AlbUndertow {
    private AlbUndertow() {
    }

    public static Server start(HttpHandler handler, String host, int port, AlbSettings settings) {
        throw new UnsupportedOperationException();
    }

    /** A running server. */
    public interface Server extends AutoCloseable {
        int port();

        @Override
        void close();
    }
}
