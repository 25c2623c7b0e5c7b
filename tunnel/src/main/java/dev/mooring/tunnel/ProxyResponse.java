package dev.mooring.tunnel;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HEAD payload answering a {@link ProxyRequest}: the API server's status and end-to-end headers. The body
 * follows as the stream's data, already freed of its HTTP/1.1 framing; after 101 the stream carries raw bytes.
 *
 * @param contentLength the body's length when the API server declared one, else {@code -1}
 */
public record ProxyResponse(int status, List<ProxyRequest.Header> headers, long contentLength) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public byte[] encode() {
        return JSON.writeValueAsBytes(this);
    }

    public static ProxyResponse decode(byte[] payload) {
        return JSON.readValue(payload, ProxyResponse.class);
    }
}
