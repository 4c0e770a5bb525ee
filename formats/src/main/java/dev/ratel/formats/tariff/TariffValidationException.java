package dev.ratel.formats.tariff;

import java.util.List;
import java.util.stream.Collectors;

/** Tariff files that cannot be used; carries every problem found, not just the first. */
public final class TariffValidationException extends Exception {
    private final transient List<TariffProblem> problems;

    public TariffValidationException(List<TariffProblem> problems) {
        super(problems.size() + " problem(s) in tariff files:\n"
                + problems.stream().map(TariffProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<TariffProblem> problems() {
        return problems;
    }
}
