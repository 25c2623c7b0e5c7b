package dev.mooring.connect;

import dev.mooring.tunnel.Resets;
import dev.mooring.tunnel.TunnelStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client connection after 101 Switching Protocols (kubectl exec, attach, port-forward over SPDY or
 * WebSocket): raw bytes both ways between the client and the tunnel stream, until either side closes.
 */
public class UpgradedConnection implements HttpUpgradeHandler {

    private TunnelStream stream;
    private WebConnection connection;
    private final AtomicInteger open = new AtomicInteger(2);

    /** Servlet containers create upgrade handlers themselves, hence public with no arguments. */
    public UpgradedConnection() {
    }

    void attach(TunnelStream attached) {
        this.stream = attached;
    }

    @Override
    public void init(WebConnection webConnection) {
        this.connection = webConnection;
        Thread.ofVirtual().name("connect-upgraded-in-" + stream.id()).start(this::clientToCluster);
        Thread.ofVirtual().name("connect-upgraded-out-" + stream.id()).start(this::clusterToClient);
    }

    private void clientToCluster() {
        try (OutputStream out = stream.output()) {
            stream.transferFrom(connection.getInputStream(), Long.MAX_VALUE); // each read goes out as a frame at once
        } catch (IOException e) {
            stream.reset(Resets.CANCELLED);
        } finally {
            done();
        }
    }

    private void clusterToClient() {
        try {
            stream.input().transferTo(connection.getOutputStream()); // flushes whenever nothing more came
        } catch (IOException e) {
            stream.reset(Resets.CANCELLED);
        } finally {
            done();
            closeConnection(); // the cluster side ended: so does the client's connection
        }
    }

    private void done() {
        if (open.decrementAndGet() == 0) {
            closeConnection();
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void destroy() {
        if (stream != null) {
            stream.reset(Resets.CANCELLED);
        }
    }
}
