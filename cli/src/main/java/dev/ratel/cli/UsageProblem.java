package dev.ratel.cli;

/** A mistake in the command line or configuration: reported in one line, exit code 2. */
final class UsageProblem extends RuntimeException {
    UsageProblem(String message) {
        super(message);
    }
}
