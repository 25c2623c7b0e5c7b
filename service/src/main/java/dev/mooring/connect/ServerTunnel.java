package dev.mooring.connect;

import dev.mooring.tunnel.Frame;
import dev.mooring.tunnel.Multiplexer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The accepting end of a tunnel WebSocket (an agent's, or another replica's peer link): feeds whole binary
 * messages to a {@link Multiplexer}, serialises sends, pings on request and remembers when the peer was last
 * heard from.
 */
class ServerTunnel extends Endpoint implements HeldTunnel {

    /** Room for a full DATA frame and for generous OPEN/HEAD header blocks. */
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private final Function<Multiplexer.Transport, Multiplexer> multiplexers;
    private final Consumer<ServerTunnel> opened;
    private final Consumer<ServerTunnel> closed;
    private final ReentrantLock sending = new ReentrantLock();
    private volatile Session session;
    private volatile Multiplexer multiplexer;
    private volatile long lastHeard = System.nanoTime();

    ServerTunnel(Function<Multiplexer.Transport, Multiplexer> multiplexers, Consumer<ServerTunnel> opened,
            Consumer<ServerTunnel> closed) {
        this.multiplexers = multiplexers;
        this.opened = opened;
        this.closed = closed;
    }

    @Override
    public void onOpen(Session newSession, EndpointConfig config) {
        this.session = newSession;
        newSession.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        newSession.setMaxIdleTimeout(0);
        multiplexer = multiplexers.apply(new Transport());
        newSession.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) message -> {
            lastHeard = System.nanoTime();
            multiplexer.receive(message);
        });
        newSession.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> lastHeard = System.nanoTime());
        opened.accept(this);
    }

    @Override
    public void onClose(Session closedSession, CloseReason reason) {
        multiplexer.close("closed: " + reason.getReasonPhrase());
        closed.accept(this);
    }

    @Override
    public void onError(Session failedSession, Throwable error) {
        multiplexer.close("error: " + error.getClass().getSimpleName());
        closed.accept(this);
    }

    @Override
    public Multiplexer multiplexer() {
        return multiplexer;
    }

    @Override
    public void keepAlive(long deadAfterNanos) {
        if (System.nanoTime() - lastHeard > deadAfterNanos) {
            multiplexer.close("peer silent");
            return;
        }
        sending.lock();
        try {
            session.getBasicRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | IllegalStateException e) {
            multiplexer.close("ping failed");
        } finally {
            sending.unlock();
        }
    }

    private final class Transport implements Multiplexer.Transport {

        @Override
        public void send(Frame frame) throws IOException {
            sending.lock();
            try {
                session.getBasicRemote().sendBinary(frame.encode());
            } finally {
                sending.unlock();
            }
        }

        @Override
        public void close(String reason) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY,
                        reason.length() > 100 ? reason.substring(0, 100) : reason));
            } catch (IOException | IllegalStateException e) {
                // already closed
            }
        }
    }
}
