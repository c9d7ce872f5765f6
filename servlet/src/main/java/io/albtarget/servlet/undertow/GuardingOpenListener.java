package io.albtarget.servlet.undertow;

import io.albtarget.internal.http.DesyncPolicy;
import io.albtarget.internal.http.RequestHeadGuard;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.OpenListener;
import org.jspecify.annotations.Nullable;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * An open listener that puts a {@link RequestHeadGuard} between each new connection's socket and Undertow.
 *
 * <p>The guard's conduits are installed before the delegate sees the connection, so every conduit Undertow stacks
 * later (parser, body, idle timeout) reads and writes through them. On a TLS connection they sit on the
 * {@code SslConnection}'s conduit, which carries plaintext, and ALPN's first read already goes through them.
 * Thread-safe as far as the delegate is.
 */
final class GuardingOpenListener implements OpenListener {

    private final OpenListener delegate;
    private final DesyncPolicy policy;

    GuardingOpenListener(OpenListener delegate, DesyncPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        RequestHeadGuard guard = new RequestHeadGuard(policy);
        ConduitStreamSinkChannel sink = connection.getSinkChannel();
        GuardedSinkConduit guardedSink = new GuardedSinkConduit(sink.getConduit(), guard);
        sink.setConduit(guardedSink);
        ConduitStreamSourceChannel source = connection.getSourceChannel();
        source.setConduit(new GuardedSourceConduit(source.getConduit(), guard, guardedSink));
        delegate.handleEvent(connection);
    }

    @Override
    public HttpHandler getRootHandler() {
        return delegate.getRootHandler();
    }

    @Override
    public void setRootHandler(HttpHandler rootHandler) {
        delegate.setRootHandler(rootHandler);
    }

    @Override
    public OptionMap getUndertowOptions() {
        return delegate.getUndertowOptions();
    }

    @Override
    public void setUndertowOptions(OptionMap undertowOptions) {
        delegate.setUndertowOptions(undertowOptions);
    }

    @Override
    public ByteBufferPool getBufferPool() {
        return delegate.getBufferPool();
    }

    @Override
    public @Nullable ConnectorStatistics getConnectorStatistics() {
        return delegate.getConnectorStatistics();
    }

    @Override
    public void closeConnections() {
        delegate.closeConnections();
    }
}
