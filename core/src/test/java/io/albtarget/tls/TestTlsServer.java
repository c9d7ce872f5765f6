package io.albtarget.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A JDK (SunJSSE) HTTPS-like server on 127.0.0.1 and port 0 that completes handshakes and then waits for the
 * client to close; or, with {@link #silent()}, a TCP server that accepts and never answers.
 */
final class TestTlsServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private TestTlsServer(ServerSocket server, boolean answer) {
        this.server = server;
        this.acceptor = new Thread(() -> acceptLoop(answer), "test-tls-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A TLS server with the JDK's defaults, or only these protocols and suites when not null. */
    static TestTlsServer start(SSLContext context, String[] protocols, String[] suites) {
        try {
            SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            if (protocols != null) {
                socket.setEnabledProtocols(protocols);
            }
            if (suites != null) {
                socket.setEnabledCipherSuites(suites);
            }
            return new TestTlsServer(socket, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestTlsServer start(SSLContext context) {
        return start(context, null, null);
    }

    /** Accepts TCP connections and never sends a byte. */
    static TestTlsServer silent() {
        try {
            return new TestTlsServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on (bound, then released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Key managers that choose no certificate, and so fail the handshake, unless the client sent SNI. */
    static KeyManager[] requiringSni(KeyManager[] keyManagers) {
        X509ExtendedKeyManager delegate = (X509ExtendedKeyManager) keyManagers[0];
        return new KeyManager[] {new X509ExtendedKeyManager() {
            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                SSLSession session = ((SSLSocket) socket).getHandshakeSession();
                return ((ExtendedSSLSession) session).getRequestedServerNames().isEmpty() ? null
                        : delegate.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return ((ExtendedSSLSession) engine.getHandshakeSession()).getRequestedServerNames().isEmpty() ? null
                        : delegate.chooseEngineServerAlias(keyType, issuers, engine);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return delegate.getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return delegate.chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return delegate.getServerAliases(keyType, issuers);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return delegate.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return delegate.getPrivateKey(alias);
            }
        }};
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop(boolean answer) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                if (!answer) {
                    held.add(socket);
                    continue;
                }
                try (socket) {
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(5_000);
                    ((SSLSocket) socket).startHandshake();
                    // wait for the client's close_notify, so the client sees a clean end
                    socket.getInputStream().read();
                } catch (IOException e) {
                    // a refused handshake is what many tests are about
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
