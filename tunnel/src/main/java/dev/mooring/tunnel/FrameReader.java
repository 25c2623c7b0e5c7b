package dev.mooring.tunnel;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reassembles {@link StreamTunnel}'s length-prefixed frames from a byte stream however its reads are split:
 * the 9-byte prefix and header into one small array, then the payload straight into an array of its own, which
 * the frame keeps (no intermediate buffer, no second copy). Holds nothing but those 9 bytes between frames.
 */
final class FrameReader {

    /** A frame's length prefix and header: {@code [length: 4][type: 1][stream: 4]}. */
    static final int PREFIX_BYTES = 4 + Frame.HEADER_BYTES;

    private final byte[] prefix = new byte[PREFIX_BYTES];
    private final int maxFrameBytes;
    private int prefixFilled;
    private Frame.Type type;
    private int stream;
    private byte[] payload;
    private int payloadFilled;

    FrameReader(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Makes one read from {@code in} (so it blocks at most as long as one read does) and answers the frame it
     * completed, or {@code null} when the frame is still partial.
     *
     * @throws EOFException at the end of the stream
     * @throws TunnelProtocolException for a frame shorter than its header or longer than the limit
     */
    Frame readFrom(InputStream in) throws IOException {
        if (prefixFilled < PREFIX_BYTES) {
            int n = in.read(prefix, prefixFilled, PREFIX_BYTES - prefixFilled);
            if (n < 0) {
                throw new EOFException();
            }
            prefixFilled += n;
            if (prefixFilled < 4) {
                return null;
            }
            ByteBuffer header = ByteBuffer.wrap(prefix);
            int size = header.getInt();
            if (size < Frame.HEADER_BYTES || size > maxFrameBytes) {
                throw new TunnelProtocolException("frame of " + size + " bytes"); // before waiting for more
            }
            if (prefixFilled < PREFIX_BYTES) {
                return null;
            }
            type = Frame.Type.of(header.get());
            stream = header.getInt();
            payload = new byte[size - Frame.HEADER_BYTES];
            payloadFilled = 0;
        } else {
            int n = in.read(payload, payloadFilled, payload.length - payloadFilled);
            if (n < 0) {
                throw new EOFException();
            }
            payloadFilled += n;
        }
        if (payloadFilled < payload.length) {
            return null;
        }
        Frame frame = new Frame(type, stream, payload);
        prefixFilled = 0;
        payload = null;
        return frame;
    }

    /** Blocks until a whole frame has arrived. */
    Frame readFrame(InputStream in) throws IOException {
        Frame frame;
        do {
            frame = readFrom(in);
        } while (frame == null);
        return frame;
    }

    /** Writes the prefix of a DATA frame into the {@value #PREFIX_BYTES} bytes before {@code payloadOffset}. */
    static void writeDataPrefix(byte[] buffer, int payloadOffset, int stream, int length) {
        ByteBuffer.wrap(buffer, payloadOffset - PREFIX_BYTES, PREFIX_BYTES)
                .putInt(Frame.HEADER_BYTES + length).put(Frame.Type.DATA.code()).putInt(stream);
    }
}
