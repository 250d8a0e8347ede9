package dev.flinkopslab.cli;

import dev.flinkopslab.pipeline.MeasurementPipeline;
import dev.flinkopslab.pipeline.PipelineConfig;
import dev.flinkopslab.pipeline.PipelineParts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

/** The Flink configuration of an embedded cluster whose REST API / Web UI listens on localhost:port. */
final class EmbeddedFlink {
    static final String HOST = "localhost";

    private EmbeddedFlink() {}

    static Configuration configuration(PipelineConfig cfg, int port) {
        return configuration(cfg, PipelineParts.REFERENCE, port);
    }

    static Configuration configuration(PipelineConfig cfg, PipelineParts parts, int port) {
        Configuration conf = MeasurementPipeline.flinkConfiguration(cfg, parts);
        conf.set(RestOptions.PORT, port);
        conf.set(RestOptions.BIND_PORT, String.valueOf(port));
        conf.set(RestOptions.ADDRESS, HOST);
        conf.set(RestOptions.BIND_ADDRESS, HOST);
        return conf;
    }

    static String url(int port) {
        return "http://" + HOST + ":" + port;
    }

    /** True if nothing listens on localhost:port — checked by binding it, as Flink is about to. */
    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free right now (the OS picks it); for bench, where nobody needs to know it in advance. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new LabException("cannot find a free local port: " + e.getMessage());
        }
    }
}
