package dev.flinkopslab.platform.reconciler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs a {@link Reconciler} round every {@code lab.platform.reconciler.interval-ms} (2 s), one round at a time;
 * off with {@code lab.platform.reconciler.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "lab.platform.reconciler.enabled", havingValue = "true", matchIfMissing = true)
public class ReconcilerLoop {
    private final Reconciler reconciler;
    private volatile boolean stopped;

    public ReconcilerLoop(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Scheduled(fixedDelayString = "${lab.platform.reconciler.interval-ms:2000}",
            initialDelayString = "${lab.platform.reconciler.interval-ms:2000}")
    void round() {
        if (!stopped) {
            reconciler.reconcileAll();
        }
    }

    /** No more rounds (what a crash of the platform does to it; the tests' way to simulate one). */
    public void stop() {
        stopped = true;
    }
}
