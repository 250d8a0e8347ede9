package dev.flinkopslab.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins per user name and client address: after {@code maxFailures} within {@code window}, further
 * attempts for that pair are refused until the oldest failure leaves the window. Kept in memory: a restart
 * forgets it, as a restart of a throttled attacker's target would anyway let through a few more guesses.
 */
@Component
public class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    @Autowired
    public LoginThrottle(@Value("${lab.platform.login-max-failures:5}") int maxFailures,
                         @Value("${lab.platform.login-window:5m}") Duration window) {
        this(maxFailures, window, Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration window() {
        return window;
    }

    /** How long the pair must still wait, if it is throttled now. */
    public OptionalLong retryAfterSeconds(String username, String address) {
        Deque<Long> times = failures.get(key(username, address));
        if (times == null) {
            return OptionalLong.empty();
        }
        synchronized (times) {
            long now = clock.millis();
            prune(times, now);
            if (times.size() < maxFailures) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (times.peekFirst() + window.toMillis() - now + 999) / 1000));
        }
    }

    public void failed(String username, String address) {
        if (failures.size() > 10_000) {
            long now = clock.millis();
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d, now);
                    return d.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(key(username, address), k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.millis());
            prune(times, clock.millis());
        }
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
            times.removeFirst();
        }
    }

    private static String key(String username, String address) {
        return username + "\u0000" + address;
    }
}
