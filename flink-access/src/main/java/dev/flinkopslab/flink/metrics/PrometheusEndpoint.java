package dev.flinkopslab.flink.metrics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.NetUtils;

/**
 * Finds and scrapes the Prometheus endpoint that serves one job's metrics, the way Prometheus would: over
 * HTTP, in its text format. The ports come from the Prometheus reporter in the job's configuration; of those,
 * the endpoint is the one whose metrics carry the job's id (another process may hold a port of the range).
 */
public final class PrometheusEndpoint {
    static final String FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";
    /** The reporter's port when none is configured. */
    static final String DEFAULT_PORT = "9249";

    /** One sample line: {@code name{label="value",...} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public boolean is(String metric) {
            return name.equals(metric) || name.endsWith("_" + metric);
        }
    }

    private final String jobId;
    private final List<Integer> ports;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private int found = -1;

    public PrometheusEndpoint(String jobId, Configuration jobConfiguration) {
        this.jobId = jobId;
        this.ports = reporterPorts(jobConfiguration);
    }

    /** The ports of every Prometheus reporter configured, in order; none without such a reporter. */
    static List<Integer> reporterPorts(Configuration conf) {
        List<Integer> ports = new ArrayList<>();
        for (Map.Entry<String, String> e : conf.toMap().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("metrics.reporter.") && key.endsWith(".factory.class") && e.getValue().trim().equals(FACTORY)) {
                String prefix = key.substring(0, key.length() - "factory.class".length());
                String range = conf.toMap().getOrDefault(prefix + "port", DEFAULT_PORT);
                for (Iterator<Integer> it = NetUtils.getPortRangeFromString(range); it.hasNext(); ) {
                    ports.add(it.next());
                }
            }
        }
        return ports;
    }

    public boolean configured() {
        return !ports.isEmpty();
    }

    /** The port found serving the job's metrics, or -1. */
    public int port() {
        return found;
    }

    /** This job's samples from its endpoint; empty while (or if) no configured port serves them. */
    public Optional<List<Sample>> scrape() {
        if (found >= 0) {
            Optional<List<Sample>> samples = scrape(found);
            if (samples.isPresent()) {
                return samples;
            }
        }
        for (int port : ports) {
            Optional<List<Sample>> samples = scrape(port);
            if (samples.isPresent()) {
                found = port;
                return samples;
            }
        }
        return Optional.empty();
    }

    private Optional<List<Sample>> scrape(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            List<Sample> samples = parse(response.body()).stream()
                    .filter(s -> jobId.equals(s.labels.get("job_id"))).toList();
            return samples.isEmpty() ? Optional.empty() : Optional.of(samples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // nothing listening, or not a Prometheus endpoint
        }
    }

    /** Prometheus' text exposition format: comments start with '#'; label values are quoted and escaped. */
    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            int brace = line.indexOf('{');
            int nameEnd = brace >= 0 ? brace : line.indexOf(' ');
            if (nameEnd <= 0) {
                continue;
            }
            String name = line.substring(0, nameEnd);
            int i = nameEnd;
            if (brace >= 0) {
                i = parseLabels(line, brace + 1, labels);
            }
            String[] rest = line.substring(i).trim().split("\\s+");
            try {
                samples.add(new Sample(name, labels, Double.parseDouble(rest[0])));
            } catch (NumberFormatException e) {
                // a value we do not read (none of the metrics the check needs)
            }
        }
        return samples;
    }

    /** Reads {@code key="value",...} up to the closing brace; returns the index after it. */
    private static int parseLabels(String line, int i, Map<String, String> labels) {
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // after ="
            while (j < line.length() && line.charAt(j) != '"') {
                char ch = line.charAt(j);
                if (ch == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(ch);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }
}
