package dev.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain-stream tunnel over a real loopback TCP connection. */
class StreamTunnelTest {

    private static final Multiplexer.Acceptor ECHO = (stream, open) -> {
        stream.sendHead(open);
        stream.input().transferTo(stream.output());
        stream.output().close();
    };

    private Socket dialled;
    private Socket accepted;

    @BeforeEach
    void connect() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dialled = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            accepted = server.accept();
        }
    }

    @AfterEach
    void disconnect() throws IOException {
        dialled.close();
        accepted.close();
    }

    private static StreamTunnel over(Socket socket, boolean opens) throws IOException {
        return StreamTunnel.start(socket.getInputStream(), socket.getOutputStream(), socket,
                transport -> new Multiplexer(transport, opens, opens ? null : ECHO, Multiplexer.DEFAULT_WINDOW, 100));
    }

    @Test
    void manyStreamsCarryDataBothWaysIntactAtOnce() throws Exception {
        StreamTunnel opener = over(dialled, true);
        over(accepted, false);
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<?>[] echoes = new CompletableFuture<?>[8];
        for (int i = 0; i < echoes.length; i++) {
            byte[] body = new byte[3 * 1024 * 1024 + i];
            new Random(i).nextBytes(body);
            TunnelStream stream = opener.multiplexer().open(("s" + i).getBytes(StandardCharsets.UTF_8));
            echoes[i] = CompletableFuture.runAsync(() -> {
                try (OutputStream out = stream.output()) {
                    out.write(body);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, threads).thenCombine(CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.input().readAllBytes();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, threads), (sent, echoed) -> {
                assertThat(sha256(echoed)).isEqualTo(sha256(body));
                return null;
            });
        }
        CompletableFuture.allOf(echoes).get(60, TimeUnit.SECONDS);
    }

    @Test
    void transfersReadStraightIntoFramesAndWritePayloadsAsTheyArrive() throws Exception {
        Multiplexer.Acceptor relayingEcho = (stream, open) -> {
            stream.sendHead(open);
            stream.transferFrom(stream.input(), Long.MAX_VALUE);
            stream.output().close();
        };
        StreamTunnel opener = over(dialled, true);
        StreamTunnel.start(accepted.getInputStream(), accepted.getOutputStream(), accepted, transport ->
                new Multiplexer(transport, false, relayingEcho, Multiplexer.DEFAULT_WINDOW, 100));
        byte[] body = new byte[5 * Multiplexer.DEFAULT_WINDOW / 2 + 17]; // more than the window: credit runs out
        new Random(7).nextBytes(body);
        TunnelStream stream = opener.multiplexer().open(new byte[] {1});
        java.io.ByteArrayInputStream source = new java.io.ByteArrayInputStream(body);
        CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
            try (OutputStream out = stream.output()) {
                return stream.transferFrom(source, Long.MAX_VALUE);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        java.io.ByteArrayOutputStream echoed = new java.io.ByteArrayOutputStream();
        assertThat(stream.input().transferTo(echoed)).isEqualTo(body.length);
        assertThat(sent.get(30, TimeUnit.SECONDS)).isEqualTo(body.length);
        assertThat(sha256(echoed.toByteArray())).isEqualTo(sha256(body));
    }

    @Test
    void aTransferStopsAtItsLimitAndLeavesTheRestUnread() throws Exception {
        StreamTunnel opener = over(dialled, true);
        over(accepted, false);
        TunnelStream stream = opener.multiplexer().open(new byte[] {1});
        java.io.ByteArrayInputStream source = new java.io.ByteArrayInputStream("headbody".getBytes(StandardCharsets.UTF_8));
        assertThat(stream.transferFrom(source, 4)).isEqualTo(4);
        stream.output().close();
        assertThat(new String(stream.input().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("head");
        assertThat(new String(source.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("body");
    }

    @Test
    void anAttachedTunnelReadsOnlyWhenToldAndClosesAtTheEndOfItsStream() throws Exception {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        wire.write(new Frame(Frame.Type.OPEN, 1, "first".getBytes(StandardCharsets.UTF_8)).encodeWithLength());
        wire.write(new Frame(Frame.Type.OPEN, 3, "second".getBytes(StandardCharsets.UTF_8)).encodeWithLength());
        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(wire.toByteArray());
        java.util.concurrent.BlockingQueue<String> opened = new java.util.concurrent.LinkedBlockingQueue<>();
        StreamTunnel tunnel = StreamTunnel.attach(in, new java.io.ByteArrayOutputStream(), () -> { },
                transport -> new Multiplexer(transport, false,
                        (stream, open) -> opened.add(new String(open, StandardCharsets.UTF_8)), Multiplexer.DEFAULT_WINDOW, 100));
        assertThat(opened).isEmpty(); // no reader of its own

        tunnel.readWhile(() -> in.available() > 0);
        // Each accepted stream's handler runs on a thread of its own, so the two may be seen in either order.
        assertThat(java.util.List.of(opened.poll(5, TimeUnit.SECONDS), opened.poll(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder("first", "second");
        assertThat(tunnel.isOpen()).isTrue();

        tunnel.readWhile(() -> true); // the container says ready; the read finds the end of the stream
        assertThat(tunnel.closed().get(5, TimeUnit.SECONDS)).isEqualTo("closed by peer");
    }

    @Test
    void closingOneEndResetsTheStreamsOfTheOther() throws Exception {
        StreamTunnel opener = over(dialled, true);
        StreamTunnel acceptor = over(accepted, false);
        TunnelStream stream = opener.multiplexer().open(new byte[] {1});
        stream.awaitHead(Duration.ofSeconds(5));
        acceptor.close();
        assertThat(opener.closed().get(10, TimeUnit.SECONDS)).isEqualTo("closed by peer");
        assertThat(stream.isReset()).isTrue();
        assertThat(opener.isOpen()).isFalse();
    }

    @Test
    void aKeepAliveIsHarmlessToThePeerAndASilentPeerIsTakenForDead() throws Exception {
        StreamTunnel opener = over(dialled, true);
        StreamTunnel acceptor = over(accepted, false);
        opener.keepAlive(Duration.ofMinutes(1).toNanos());
        TunnelStream stream = opener.multiplexer().open("after a keep-alive".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(stream.awaitHead(Duration.ofSeconds(5)), StandardCharsets.UTF_8))
                .isEqualTo("after a keep-alive");
        assertThat(acceptor.isOpen()).isTrue();

        acceptor.keepAlive(1); // heard from longer ago than a nanosecond
        assertThat(acceptor.closed().get(5, TimeUnit.SECONDS)).isEqualTo("peer silent");
        assertThat(opener.closed().get(5, TimeUnit.SECONDS)).isEqualTo("closed by peer");
    }

    @Test
    void anOversizedFrameClosesTheTunnel() throws Exception {
        StreamTunnel acceptor = over(accepted, false);
        dialled.getOutputStream().write(ByteBuffer.allocate(4).putInt(StreamTunnel.MAX_FRAME_BYTES + 1).array());
        assertThat(acceptor.closed().get(5, TimeUnit.SECONDS)).startsWith("protocol error");
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
