import dev.mooring.tunnel.StreamTunnelClient;
import dev.mooring.tunnel.WebSocketTunnelClient;
import java.net.URI;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * ConnectBenchmark's idle agents, in a process of their own so that the service's heap holds only its side:
 * dials {@code count} tunnels to {@code url} with the Authorization header from MOORING_AUTHORIZATION, prints
 * "open N", then holds them until its standard input closes.
 * Run: java -cp tunnel/target/classes IdleTunnels.java URL COUNT
 */
public class IdleTunnels {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        String authorization = System.getenv("MOORING_AUTHORIZATION");
        for (int i = 0; i < count; i++) {
            StreamTunnelClient.dial(url, Map.of("Authorization", authorization, "X-Mooring-Agent-Instance", "idle-" + i),
                    SSLContext.getDefault(), null, WebSocketTunnelClient.Options.defaults());
        }
        System.out.println("open " + count);
        System.out.flush();
        System.in.read();
    }
}
