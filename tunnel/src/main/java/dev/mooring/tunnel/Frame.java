package dev.mooring.tunnel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One tunnel message: {@code [type: 1 byte][stream id: 4 bytes][payload]}, carried whole in one binary
 * WebSocket message. The side that opens a stream sends OPEN with its request; the other answers HEAD with
 * its response head, then both send DATA until END (half-close) or RESET (abort). WINDOW grants the sender
 * more credit for DATA on that stream.
 */
public record Frame(Type type, int stream, byte[] payload) {

    public enum Type {
        OPEN, HEAD, DATA, END, RESET, WINDOW;

        private static final Type[] ALL = values();

        static Type of(byte code) {
            int index = code - 1;
            if (index < 0 || index >= ALL.length) {
                throw new TunnelProtocolException("Unknown frame type " + code);
            }
            return ALL[index];
        }

        byte code() {
            return (byte) (ordinal() + 1);
        }
    }

    static final int HEADER_BYTES = 5;

    public static Frame decode(ByteBuffer message) {
        if (message.remaining() < HEADER_BYTES) {
            throw new TunnelProtocolException("Frame shorter than its header");
        }
        Type type = Type.of(message.get());
        int stream = message.getInt();
        byte[] payload = new byte[message.remaining()];
        message.get(payload);
        return new Frame(type, stream, payload);
    }

    public ByteBuffer encode() {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        buffer.put(type.code()).putInt(stream).put(payload);
        return buffer.flip();
    }

    /** The frame preceded by its length, as {@link StreamTunnel} sends it. */
    byte[] encodeWithLength() {
        ByteBuffer buffer = ByteBuffer.allocate(4 + HEADER_BYTES + payload.length);
        buffer.putInt(HEADER_BYTES + payload.length).put(type.code()).putInt(stream).put(payload);
        return buffer.array();
    }

    static Frame window(int stream, int credit) {
        return new Frame(Type.WINDOW, stream, ByteBuffer.allocate(4).putInt(credit).array());
    }

    int credit() {
        if (payload.length != 4) {
            throw new TunnelProtocolException("WINDOW frame needs a 4-byte credit");
        }
        return ByteBuffer.wrap(payload).getInt();
    }

    static Frame reset(int stream, String reason) {
        return new Frame(Type.RESET, stream, reason.getBytes(StandardCharsets.UTF_8));
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
