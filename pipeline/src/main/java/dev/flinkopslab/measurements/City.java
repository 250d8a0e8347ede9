package dev.flinkopslab.measurements;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A sensor location, read from the {@code cities.csv} resource shipped with the pipeline. */
public record City(String name, double latitude, double longitude, double meanTemperature) {

    private static final List<City> ALL = load();

    /** All cities, in the order of the resource file (the generator indexes into this list). */
    public static List<City> all() {
        return ALL;
    }

    private static List<City> load() {
        try (InputStream in = City.class.getResourceAsStream("/cities.csv")) {
            if (in == null) {
                throw new IllegalStateException("cities.csv is missing from the classpath");
            }
            List<City> cities = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",");
                cities.add(new City(f[0].trim(), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            }
            return List.copyOf(cities);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cities.csv", e);
        }
    }
}
