package dev.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MultiplexerTest {

    /** Two multiplexers wired back to back in memory, as the two ends of a WebSocket would be. */
    private static final class Pair {
        final Multiplexer opener;
        final Multiplexer acceptor;
        Multiplexer[] link = new Multiplexer[2];

        Pair(Multiplexer.Acceptor handler, int window) {
            opener = new Multiplexer(transport(1), true, null, window, 100);
            acceptor = new Multiplexer(transport(0), false, handler, window, 100);
            link[0] = opener;
            link[1] = acceptor;
        }

        private Multiplexer.Transport transport(int to) {
            return new Multiplexer.Transport() {
                @Override
                public synchronized void send(Frame frame) {
                    link[to].receive(frame.encode());
                }

                @Override
                public void close(String reason) {
                    link[to].close("peer closed: " + reason);
                }
            };
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** Echo server: answers a head, then copies the request body back. */
    private static final Multiplexer.Acceptor ECHO = (stream, open) -> {
        stream.sendHead(open);
        stream.input().transferTo(stream.output());
        stream.output().close();
    };

    @Test
    void aStreamCarriesManyWindowsOfDataBothWaysIntact() throws Exception {
        Pair pair = new Pair(ECHO, 64 * 1024);
        TunnelStream stream = pair.opener.open("hello".getBytes(StandardCharsets.UTF_8));
        byte[] body = random(5 * 1024 * 1024 + 17);
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
            try {
                stream.output().write(body);
                stream.output().close();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(new String(stream.awaitHead(Duration.ofSeconds(5)), StandardCharsets.UTF_8)).isEqualTo("hello");
        byte[] echoed = stream.input().readAllBytes();
        upload.get(10, TimeUnit.SECONDS);
        assertThat(sha256(echoed)).isEqualTo(sha256(body));
        assertThat(pair.opener.activeStreams()).isZero();
    }

    @Test
    void aReaderThatStopsReadingHoldsUpOnlyItsOwnStream() throws Exception {
        int window = 64 * 1024;
        // The acceptor writes 4 MiB on every stream, whether anyone reads or not.
        Pair pair = new Pair((stream, open) -> {
            stream.sendHead(new byte[0]);
            stream.output().write(random(4 * 1024 * 1024));
            stream.output().close();
        }, window);
        TunnelStream stalled = pair.opener.open(new byte[0]);
        TunnelStream flowing = pair.opener.open(new byte[0]);
        stalled.awaitHead(Duration.ofSeconds(5));
        flowing.awaitHead(Duration.ofSeconds(5));

        byte[] all = CompletableFuture.supplyAsync(() -> {
            try {
                return flowing.input().readAllBytes();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }).get(10, TimeUnit.SECONDS);

        assertThat(all).hasSize(4 * 1024 * 1024);
        // The stalled stream buffered no more than the credit it granted.
        assertThat(stalled.input().available()).isLessThanOrEqualTo(window);
        assertThat(stalled.input().readAllBytes()).hasSize(4 * 1024 * 1024);
    }

    @Test
    void aResetReachesTheOtherSideWithItsReason() throws Exception {
        Pair pair = new Pair((stream, open) -> stream.reset(Resets.DIAL_TIMEOUT), Multiplexer.DEFAULT_WINDOW);
        TunnelStream stream = pair.opener.open(new byte[0]);
        assertThatThrownBy(() -> stream.awaitHead(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(StreamResetException.class,
                        e -> assertThat(e.reason()).isEqualTo(Resets.DIAL_TIMEOUT));
        assertThatThrownBy(() -> stream.input().read()).isInstanceOf(StreamResetException.class);
    }

    @Test
    void closingTheTunnelResetsEveryStreamOnBothSides() throws Exception {
        CompletableFuture<IOException> seenByAcceptor = new CompletableFuture<>();
        Pair pair = new Pair((stream, open) -> {
            stream.sendHead(new byte[0]);
            try {
                stream.input().readAllBytes();
                seenByAcceptor.complete(null);
            } catch (IOException e) {
                seenByAcceptor.complete(e);
            }
        }, Multiplexer.DEFAULT_WINDOW);
        TunnelStream stream = pair.opener.open(new byte[0]);
        stream.awaitHead(Duration.ofSeconds(5));
        pair.opener.close("agent went away");

        assertThat(seenByAcceptor.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(StreamResetException.class,
                e -> assertThat(e.reason()).isEqualTo(Resets.TUNNEL_CLOSED));
        InputStream input = stream.input();
        assertThatThrownBy(input::read).isInstanceOf(StreamResetException.class);
        assertThatThrownBy(() -> pair.opener.open(new byte[0])).isInstanceOf(StreamResetException.class);
    }

    @Test
    void halfCloseLetsTheAcceptorAnswerAfterTheWholeRequest() throws Exception {
        Pair pair = new Pair((stream, open) -> {
            byte[] request = stream.input().readAllBytes();
            stream.sendHead(new byte[0]);
            stream.output().write(("got " + request.length).getBytes(StandardCharsets.UTF_8));
            stream.output().close();
        }, Multiplexer.DEFAULT_WINDOW);
        TunnelStream stream = pair.opener.open(new byte[0]);
        stream.output().write(new byte[100_000]);
        stream.output().close();
        stream.awaitHead(Duration.ofSeconds(5));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        stream.input().transferTo(answer);
        assertThat(answer.toString(StandardCharsets.UTF_8)).isEqualTo("got 100000");
    }

    @Test
    void aPeerThatSendsBeyondItsCreditHasTheStreamReset() throws Exception {
        int window = 1024;
        Pair pair = new Pair((s, open) -> { }, window);
        TunnelStream stream = pair.opener.open(new byte[0]);
        // Frames forged as the acceptor would send them, ignoring the credit it was granted.
        pair.opener.receive(new Frame(Frame.Type.DATA, stream.id(), new byte[window]).encode());
        pair.opener.receive(new Frame(Frame.Type.DATA, stream.id(), new byte[1]).encode());
        assertThatThrownBy(() -> stream.input().read()).isInstanceOfSatisfying(StreamResetException.class,
                e -> assertThat(e.reason()).startsWith("flow-control"));
    }

    @Test
    void garbageClosesTheTunnel() {
        Pair pair = new Pair(ECHO, 1024);
        pair.acceptor.receive(ByteBuffer.wrap(new byte[] {42, 0, 0, 0, 1}));
        assertThat(pair.acceptor.isClosed()).isTrue();
    }
}
