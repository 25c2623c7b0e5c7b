package dev.mooring.tunnel;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OPEN payload of a cluster-connect stream: one HTTP request for the cluster's API server, already
 * authenticated by Mooring, and who asked. The request body (or, for an upgrade, the raw bytes after 101)
 * follows as the stream's data.
 *
 * @param cluster       Mooring's internal id of the cluster (routes the stream between Mooring replicas)
 * @param method        HTTP method
 * @param target        path and query, as the client sent them (without Mooring's connect prefix)
 * @param headers       end-to-end request headers, in order
 * @param contentLength the body's length, {@code -1} when it is streamed without a known length, 0 for none
 * @param upgrade       whether the client asked for an HTTP Upgrade (exec, attach, port-forward)
 * @param caller        who is calling, for impersonation
 */
public record ProxyRequest(String cluster, String method, String target, List<Header> headers, long contentLength,
        boolean upgrade, Caller caller) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An HTTP header line. */
    public record Header(String name, String value) {
    }

    /**
     * The caller as the agent needs it: in {@code AAD} mode the agent impersonates {@code user} and
     * {@code groups}; in {@code Token} mode it passes the caller's own bearer token through.
     */
    public record Caller(String mode, String user, List<String> groups) {

        public static final String AAD = "AAD";
        public static final String TOKEN = "Token";
    }

    public byte[] encode() {
        return JSON.writeValueAsBytes(this);
    }

    public static ProxyRequest decode(byte[] payload) {
        return JSON.readValue(payload, ProxyRequest.class);
    }
}
