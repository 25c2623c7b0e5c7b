package dev.mooring.arm.pipeline;

import dev.mooring.arm.Bounded;
import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code mooring.arm.max-request-body} with 413: at once when
 * Content-Length says so, otherwise as soon as the streamed body crosses the limit.
 */
public class RequestSizeLimit extends OncePerRequestFilter {

    private final long limit;
    private final ArmErrorWriter errors;

    RequestSizeLimit(long limit, ArmErrorWriter errors) {
        this.limit = limit;
        this.errors = errors;
    }

    /** Thrown when a streamed body crosses the limit; the error handler turns it into 413. */
    public static final class TooLarge extends IOException {
        TooLarge() {
            super("Request body too large", null);
        }
    }

    static ArmError error(long limit) {
        return new ArmError("RequestEntityTooLarge",
                "The request content is larger than the limit of " + limit + " bytes.");
    }

    /** Cluster connect relays request bodies of any size to the cluster's API server (kubectl cp, large applies). */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/connect/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            errors.write(response, HttpStatus.CONTENT_TOO_LARGE, error(limit));
            return;
        }
        chain.doFilter(new Bounded(request, limit), response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        Counting(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
