package dev.mooring.dataplane;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The load side of {@code LongPollConnectionsBenchmark}, run as a process of its own: opens {@code count} kept-alive
 * connections, each holding one configuration long-poll, and sends the next poll on a connection as soon as a
 * 304 comes back (as agents do). Source addresses rotate over 127.0.0.2-5 so that ephemeral ports do not run out.
 * Prints {@code sent N} once every connection carries a poll; runs until its stdin closes. Reads fresh Authorization values
 * from stdin, one a line.
 *
 * <p>Arguments: port, path (of the configurations call with its query), Authorization value, If-None-Match, count.
 */
public final class LongPollClients {

    private LongPollClients() {
    }

    private static byte[] request(String[] args, int port, String authorization) {
        return ("GET " + args[1] + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: " + authorization
                + "\r\nIf-None-Match: " + args[3] + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static volatile byte[] request;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        request = request(args, port, args[2]);
        // Fresh call tokens arrive on stdin (they live minutes); later polls carry the newest. Stdin closes when the
        // benchmark's JVM ends, however it ends: then this process ends too.
        Thread.ofVirtual().start(() -> {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))
                    .lines().forEach(token -> request = request(args, port, token));
            System.exit(0);
        });
        int count = Integer.parseInt(args[4]);
        Selector selector = Selector.open();
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress("127.0.0." + (2 + i % 4), 0));
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(request));
            channel.register(selector, SelectionKey.OP_READ);
        }
        System.out.println("sent " + count);
        System.out.flush();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long answers = 0;
        while (true) {
            selector.select();
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                buffer.clear();
                if (channel.read(buffer) < 0) {
                    key.cancel();
                    channel.close();
                    System.out.println("closed by the server");
                    continue;
                }
                String read = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                for (int at = read.indexOf("HTTP/1.1 304"); at >= 0; at = read.indexOf("HTTP/1.1 304", at + 1)) {
                    channel.write(ByteBuffer.wrap(request));
                    answers++;
                }
                if (!read.contains("HTTP/1.1 304")) {
                    System.out.println("unexpected answer: " + read.lines().findFirst().orElse(""));
                }
            }
            selector.selectedKeys().clear();
            if (answers > 0 && answers % 1000 == 0) {
                System.out.println("answered " + answers);
            }
        }
    }
}
