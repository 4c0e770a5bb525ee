package dev.ratel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --json}: the command's summary as one JSON object on standard output, for scripts and cron. */
final class JsonOption {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    /** Prints {@code summary} as JSON when {@code --json} was given; returns whether it did. */
    boolean print(PrintWriter out, Object summary) {
        if (!json) {
            return false;
        }
        out.println(write(summary));
        return true;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary not writable as JSON", e);
        }
    }

    /** An ordered summary from name, value pairs. */
    static Map<String, Object> summary(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }
}
