package dev.ratel.formats.reference;

import java.util.List;

/** Reference data that cannot be used: every problem found, each naming file, line and fix. */
public final class ReferenceValidationException extends Exception {
    private final transient List<String> problems;

    public ReferenceValidationException(List<String> problems) {
        super(problems.size() + " problem(s) in reference data:\n" + String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
