package dev.ratel.formats.tariff;

import java.nio.file.Path;

/** One thing wrong with a tariff file: where (file and 1-based line) and what is expected. */
public record TariffProblem(Path file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
