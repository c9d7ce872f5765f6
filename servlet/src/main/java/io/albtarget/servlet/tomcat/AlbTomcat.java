package io.albtarget.servlet.tomcat;

import io.albtarget.AlbSettings;
import org.apache.catalina.connector.Connector;

/** Placeholder signature; replaced by the Tomcat guard work. */
public final class AlbTomcat {
    private AlbTomcat() {
    }

    public static Connector connector(int port, AlbSettings settings) {
        throw new UnsupportedOperationException();
    }

    public static void tune(Connector connector, AlbSettings settings) {
        throw new UnsupportedOperationException();
    }
}
