package dev.mooring.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The frame codec of the plain-stream tunnel, fed in reads split at random places. */
class FrameReaderTest {

    /** Answers each read with a random number of the bytes asked for (at least one), as a socket may. */
    private static final class RandomSplits extends InputStream {
        private final byte[] bytes;
        private final Random random;
        private int position;

        RandomSplits(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int n = 1 + random.nextInt(Math.min(length, bytes.length - position));
            System.arraycopy(bytes, position, target, offset, n);
            position += n;
            return n;
        }
    }

    @Test
    void framesWrittenInPlaceOrWholeComeBackIntactHoweverTheReadsAreSplit() throws Exception {
        Random random = new Random(21);
        for (int round = 0; round < 50; round++) {
            List<Frame> sent = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int i = 0; i < 20; i++) {
                byte[] payload = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(70_000)];
                random.nextBytes(payload);
                int stream = random.nextInt(1000);
                if (random.nextBoolean()) {
                    // a DATA frame as TunnelStream sends it: the prefix written into the headroom before the payload
                    byte[] buffer = new byte[FrameReader.PREFIX_BYTES + payload.length + 7];
                    System.arraycopy(payload, 0, buffer, FrameReader.PREFIX_BYTES, payload.length);
                    FrameReader.writeDataPrefix(buffer, FrameReader.PREFIX_BYTES, stream, payload.length);
                    wire.write(buffer, 0, FrameReader.PREFIX_BYTES + payload.length);
                    sent.add(new Frame(Frame.Type.DATA, stream, payload));
                } else {
                    Frame frame = new Frame(Frame.Type.values()[random.nextInt(Frame.Type.values().length)], stream, payload);
                    wire.write(frame.encodeWithLength());
                    sent.add(frame);
                }
            }
            FrameReader reader = new FrameReader(StreamTunnel.MAX_FRAME_BYTES);
            InputStream in = new RandomSplits(wire.toByteArray(), random);
            for (Frame expected : sent) {
                Frame received = reader.readFrame(in);
                assertThat(received.type()).isEqualTo(expected.type());
                assertThat(received.stream()).isEqualTo(expected.stream());
                assertThat(Arrays.equals(received.payload(), expected.payload())).isTrue();
            }
            assertThatThrownBy(() -> reader.readFrame(in)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aStreamEndingInsideAFrameIsAnEndOfStream() {
        byte[] whole = new Frame(Frame.Type.DATA, 3, new byte[100]).encodeWithLength();
        InputStream in = new RandomSplits(Arrays.copyOf(whole, 50), new Random(1));
        FrameReader reader = new FrameReader(StreamTunnel.MAX_FRAME_BYTES);
        assertThatThrownBy(() -> reader.readFrame(in)).isInstanceOf(EOFException.class);
    }

    @Test
    void aLengthOutsideTheLimitsIsAProtocolError() {
        for (int length : new int[] {Frame.HEADER_BYTES - 1, 1025}) {
            byte[] wire = ByteBuffer.allocate(FrameReader.PREFIX_BYTES).putInt(length).put((byte) 3).putInt(1).array();
            FrameReader reader = new FrameReader(1024);
            assertThatThrownBy(() -> reader.readFrame(new RandomSplits(wire, new Random(2))))
                    .isInstanceOf(TunnelProtocolException.class).hasMessageContaining(length + " bytes");
        }
    }
}
