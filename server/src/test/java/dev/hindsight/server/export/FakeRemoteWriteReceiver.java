package dev.hindsight.server.export;

import com.sun.net.httpserver.HttpServer;
import dev.hindsight.server.export.remotewrite.proto.RemoteWrite;
import dev.hindsight.storage.select.Labels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.xerial.snappy.Snappy;

/**
 * An in-process remote-write receiver for protocol tests: decodes snappy + protobuf, keeps
 * every sample per label set, answers with scripted statuses (then 204).
 */
final class FakeRemoteWriteReceiver implements AutoCloseable {
    final Map<String, TreeMap<Long, Double>> samples = new ConcurrentHashMap<>();
    final Deque<Integer> script = new ConcurrentLinkedDeque<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final List<String> headers = new ArrayList<>();
    private final HttpServer server;

    FakeRemoteWriteReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/write", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            synchronized (headers) {
                headers.add(ex.getRequestHeaders().getFirst("Content-Encoding") + " "
                    + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + ex.getRequestHeaders().getFirst("Authorization"));
            }
            Integer status = script.poll();
            if (status == null || status / 100 == 2) {
                RemoteWrite.WriteRequest req = RemoteWrite.WriteRequest.parseFrom(Snappy.uncompress(body));
                for (RemoteWrite.TimeSeries ts : req.getTimeseriesList()) {
                    TreeMap<String, String> labels = new TreeMap<>();
                    ts.getLabelsList().forEach(l -> labels.put(l.getName(), l.getValue()));
                    TreeMap<Long, Double> m = samples.computeIfAbsent(Labels.fromMap(labels).toString(),
                        k -> new TreeMap<>());
                    synchronized (m) {
                        for (RemoteWrite.Sample s : ts.getSamplesList()) {
                            if (m.put(s.getTimestamp(), s.getValue()) != null) {
                                duplicates.incrementAndGet();
                            }
                        }
                    }
                }
                status = status == null ? 204 : status;
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/write";
    }

    long total() {
        return samples.values().stream().mapToLong(TreeMap::size).sum();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
